import type { TFunction } from 'i18next';

/**
 * What a limited text field shows under itself: how much is used of how much, and an error once it is
 * over. Over-long text is kept (never cut off on paste) so nothing typed is lost; saving waits for it.
 */
export function textLimitProps(value: string, max: number, t: TFunction, opts: { required?: boolean; showRequired?: boolean } = {}) {
  const over = value.length > max;
  const missing = opts.required === true && opts.showRequired === true && value.trim() === '';
  return {
    description: t('common.characterCount', { count: value.length, max }),
    error: over ? t('common.tooLong', { max }) : missing ? t('common.required') : undefined,
    inputWrapperOrder: ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[],
  };
}

/** True when the text fits its limit. */
export const fits = (value: string, max: number) => value.length <= max;
