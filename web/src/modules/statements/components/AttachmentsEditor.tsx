import { type AttachmentDto, stripBidiControls } from '@diplodesk/contracts';
import { ActionIcon, Anchor, Button, FileInput, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { attachmentUrl } from '../api/statements.api.ts';
import { uploadAttachment } from '../utils/upload.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';

export interface AttachmentsEditorProps {
  statementId: string;
  attachments: AttachmentDto[];
  readOnly: boolean;
  onChange: (attachments: AttachmentDto[]) => void;
}

/** Uploads go up at once (with progress); they belong to the statement once the edit is saved. */
export function AttachmentsEditor({ statementId, attachments, readOnly, onChange }: AttachmentsEditorProps) {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const [file, setFile] = useState<File | null>(null);
  const [altText, setAltText] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const locale = toUiLocale(i18n.language);

  const upload = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const added = await uploadAttachment(statementId, file, altText, me.csrfToken, setProgress);
      onChange([...attachments, added]);
      setFile(null);
      setAltText('');
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack gap="sm">
      {attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('statements.attachments.none')}
        </Text>
      ) : (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
          {attachments.map((a) => (
            <Group component="li" key={a.id} gap="sm" wrap="nowrap" justify="space-between">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <IconPaperclip size={16} aria-hidden />
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor href={attachmentUrl(statementId, a.id)} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {stripBidiControls(a.fileName)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('statements.attachments.size', { size: formatNumber(Math.ceil(a.byteSize / 1024), locale) })} ·{' '}
                    {a.altText ? t('statements.attachments.alt', { alt: a.altText }) : t('statements.attachments.noAlt')}
                  </Text>
                </Stack>
              </Group>
              {readOnly ? null : (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('statements.attachments.remove', { name: stripBidiControls(a.fileName) })}
                  onClick={() => onChange(attachments.filter((x) => x.id !== a.id))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {readOnly ? null : (
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FileInput
            label={t('statements.attachments.file')}
            description={t('statements.attachments.choose')}
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clearField') }}
            style={{ flex: '1 1 14rem' }}
          />
          <TextInput
            label={t('statements.attachments.altText')}
            description={t('statements.attachments.altHint')}
            value={altText}
            onChange={(event) => setAltText(event.currentTarget.value)}
            maxLength={1500}
            style={{ flex: '2 1 16rem' }}
          />
          <Button variant="light" leftSection={<IconUpload size={16} aria-hidden />} onClick={() => void upload()} disabled={!file} loading={progress !== null}>
            {t('statements.attachments.upload')}
          </Button>
        </Group>
      )}
      {progress !== null ? (
        <Progress value={Math.round(progress * 100)} aria-label={t('statements.attachments.progress')} animated />
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}
