import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/** A short confirmation in the corner; its close button is labelled in the interface language. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': i18next.t('common.close') } });
}

export function notifyInfo(message: string): void {
  notifications.show({ color: 'gray', message, closeButtonProps: { 'aria-label': i18next.t('common.close') } });
}

/** Something the person must act on (stays until closed). */
export function notifyWarning(message: string): void {
  notifications.show({ color: 'orange', message, autoClose: false, closeButtonProps: { 'aria-label': i18next.t('common.close') } });
}
