import { Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const accepted = '.csv,.tsv,.txt,.jsonl,.ndjson,.json,text/csv,text/plain,text/tab-separated-values,application/x-ndjson';

export interface FileDropZoneProps {
  onFile: (file: File) => void;
  hint: string;
  disabled?: boolean;
}

/** A file picker (a real button, so keyboard and screen readers work) that also takes a dropped file. */
export function FileDropZone({ onFile, hint, disabled = false }: FileDropZoneProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const labelId = useId();
  const hintId = useId();

  const onDragOver = (event: DragEvent) => {
    if (disabled || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <Paper
      role="group"
      aria-labelledby={labelId}
      aria-describedby={hintId}
      p="xl"
      radius="md"
      withBorder
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{ borderStyle: 'dashed', borderWidth: 2, borderColor: over ? 'var(--mantine-color-blue-6)' : undefined, background: over ? 'var(--mantine-color-blue-light)' : undefined }}
    >
      <Stack align="center" gap="xs">
        <IconFileUpload size={36} aria-hidden stroke={1.5} />
        <Text id={labelId} fw={600} ta="center">
          {over ? t('listeningImport.upload.dropNow') : t('listeningImport.upload.drop')}
        </Text>
        <Group gap="xs" justify="center">
          <Text size="sm" c="dimmed">
            {t('listeningImport.upload.or')}
          </Text>
          <FileButton onChange={(file) => file && onFile(file)} accept={accepted} disabled={disabled}>
            {(props) => (
              <Button {...props} variant="light" disabled={disabled}>
                {t('listeningImport.upload.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Text id={hintId} size="xs" c="dimmed" ta="center" maw={520}>
          {hint}
        </Text>
      </Stack>
    </Paper>
  );
}
