import { Box, Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toUiLocale, uiLocales } from '../../../lib/intl.ts';
import { useChangeLanguage } from '../hooks/use-language.ts';

export interface LanguageSwitchProps {
  /** `onDark` for the navy header bar. */
  tone?: 'onLight' | 'onDark';
  /** Hide the language name below the `sm` breakpoint, keeping the icon. */
  compact?: boolean;
}

export function LanguageSwitch({ tone = 'onLight', compact = false }: LanguageSwitchProps) {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  const current = toUiLocale(i18n.resolvedLanguage);
  const currentName = t(`language.names.${current}`);

  return (
    // Without Mantine's initial-focus placeholder: it is a role="presentation" node inside
    // role="menu", which screen readers and axe reject. Focus goes to the first item instead.
    <Menu position="bottom-end" shadow="md" width={200} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant={tone === 'onDark' ? 'subtle' : 'default'}
          color={tone === 'onDark' ? 'white' : undefined}
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={t('language.switchLabel', { language: currentName })}
        >
          {compact ? (
            <Box component="span" visibleFrom="sm">
              {currentName}
            </Box>
          ) : (
            currentName
          )}
        </Button>
      </Menu.Target>
      {/* No Menu.Label: a heading inside role="menu" breaks the menu's allowed children (axe). */}
      <Menu.Dropdown aria-label={t('language.menuTitle')}>
        {uiLocales.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            onClick={() => changeLanguage(locale)}
            rightSection={locale === current ? <IconCheck size={16} aria-label={t('language.current')} /> : null}
          >
            {t(`language.names.${locale}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
