import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  luminance,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

const navy: MantineColorsTuple = [
  '#eef2f9',
  '#dbe2f0',
  '#b3c2e0',
  '#889fcf',
  '#6482c1',
  '#4d6fb9',
  '#3f64b6',
  '#30539f',
  '#264a8f',
  '#1a3f80',
];

/** Colour of the top bar: darker than any button, so the bar reads as frame rather than control. */
export const headerBackground = '#14264d';

/**
 * Mantine's `light` variant puts shade-6 text on a pale tint of the same colour, which fails WCAG AA
 * for green, teal and orange badges and alert titles; a darkened shade 9 passes for every colour.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'filled' && input.variant !== undefined) return resolved;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const shades = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  if (!shades) return resolved;
  if (input.variant === 'light') return { ...resolved, color: darken(shades[9], 0.3) };
  // Filled: white text on the primary shade (8) is only 3.4:1 on green (an Approve button); the
  // first shade from 8 on, darkened as far as needed, that gives white text 4.5:1. Light colours
  // (yellow, lime: under 3:1) are meant for dark text (`c="dark.9"`) and stay as they are.
  if (parsed.shade !== undefined || resolved.color !== 'var(--mantine-color-white)' || contrastWithWhite(shades[8]) < 3) return resolved;
  const background = filledBackground(shades);
  return background === shades[8] ? resolved : { ...resolved, background, hover: darken(background, 0.1) };
};

/** WCAG contrast of white text on `colour`. */
const contrastWithWhite = (colour: string) => 1.05 / (luminance(colour) + 0.05);

// The resolver runs on every render of every filled component: each palette is worked out once.
const filledBackgrounds = new Map<string, string>();

export function filledBackground(shades: MantineColorsTuple): string {
  const known = filledBackgrounds.get(shades[8]);
  if (known) return known;
  let colour = shades[8];
  if (contrastWithWhite(colour) < 4.5) colour = shades[9];
  for (let step = 1; step <= 10 && contrastWithWhite(colour) < 4.5; step++) colour = darken(shades[9], step * 0.05);
  filledBackgrounds.set(shades[8], colour);
  return colour;
}

export const theme = createTheme({
  // People who ask their system for less motion get menus and dialogs without animation.
  respectReducedMotion: true,
  variantColorResolver,
  primaryColor: 'navy',
  primaryShade: { light: 8, dark: 5 },
  colors: { navy },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.625rem', lineHeight: '1.3' },
      h2: { fontSize: '1.25rem', lineHeight: '1.35' },
      h3: { fontSize: '1.05rem', lineHeight: '1.4' },
    },
  },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Table: { defaultProps: { verticalSpacing: 'xs', highlightOnHover: true } },
    // A table wider than a phone scrolls sideways: its scrolling area takes focus, so the keyboard
    // can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Modal: { defaultProps: { centered: true } },
  },
});

/** Mantine's default dimmed grey is below WCAG AA on our grey page background; this one passes. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Default error red (shade 6) is 3.3:1 on white; shade 9 reads at over 6:1.
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-error': '#c92a2a' },
  dark: {},
});
