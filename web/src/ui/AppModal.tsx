import { Modal, type ModalRootProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface AppModalProps extends Pick<ModalRootProps, 'opened' | 'onClose' | 'size' | 'closeOnClickOutside' | 'zIndex'> {
  title: ReactNode;
  children: ReactNode;
}

/**
 * Mantine's Modal with a labelled close button and a plain header: its default `<header>` would
 * add a second "banner" landmark to the page while the dialog is open.
 */
export function AppModal({ opened, onClose, size, closeOnClickOutside, zIndex, title, children }: AppModalProps) {
  const { t } = useTranslation();
  return (
    <Modal.Root opened={opened} onClose={onClose} size={size} closeOnClickOutside={closeOnClickOutside} zIndex={zIndex} centered>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
