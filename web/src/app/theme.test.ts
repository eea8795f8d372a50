import { DEFAULT_THEME, luminance, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { filledBackground, theme } from './theme.ts';

const contrastWithWhite = (colour: string) => 1.05 / (luminance(colour) + 0.05);
const full = mergeMantineTheme(DEFAULT_THEME, theme);

describe('theme colours', () => {
  it('gives white text at least 4.5:1 on every filled colour (green was 3.4:1 on the Approve button)', () => {
    for (const [name, shades] of Object.entries(full.colors)) {
      const background = full.variantColorResolver({ color: name, theme: full, variant: 'filled' }).background;
      // Colours meant for dark text (yellow, lime) keep their shade; the rest carry white text legibly.
      if (contrastWithWhite(shades[8]) < 3) expect(background, name).toBe(`var(--mantine-color-${name}-filled)`);
      else expect(contrastWithWhite(background.startsWith('var(') ? shades[8] : background), name).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastWithWhite(full.colors.green[8])).toBeLessThan(4.5);
  });

  it('changes only the colours that need it, through the variant resolver', () => {
    const resolve = (color: string) => full.variantColorResolver({ color, theme: full, variant: 'filled' });
    expect(resolve('green').background).toBe(filledBackground(full.colors.green));
    expect(resolve('green').background).not.toContain('var(');
    expect(resolve('navy').background).toBe('var(--mantine-color-navy-filled)');
    expect(resolve('green.9').background).toBe('var(--mantine-color-green-9)');
  });
});
