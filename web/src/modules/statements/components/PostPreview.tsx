import type { TextMeasure } from '@diplodesk/connector-sdk';
import type { AttachmentDto } from '@diplodesk/contracts';
import { Avatar, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconLink, IconPhoto, IconVideo } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { platformName } from '../../channels/utils/platforms.ts';
import { PlatformIcon } from '../../channels/components/PlatformIcon.tsx';

export interface PostPreviewProps {
  platform: string;
  name: string;
  /** The account's handle; null shows a placeholder (no account connected yet). */
  handle: string | null;
  text: string;
  title: string | null;
  measure: TextMeasure | null;
  attachments: AttachmentDto[];
  dir: 'ltr' | 'rtl';
}

// Links, hashtags and mentions as the platforms colour them.
const TOKEN = /(https?:\/\/[^\s]+|#[\p{L}\p{N}_]+|@[\p{L}\p{N}_.]+(?:@[\w.-]+)?)/gu;

function highlighted(text: string): ReactNode[] {
  return text.split(TOKEN).map((part, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order; they never move.
      <Text key={i} span c="blue.8" inherit>
        {part}
      </Text>
    ) : (
      part
    ),
  );
}

/** How the post will look on the platform: who posts, the text as far as the platform takes it, the link and the media. */
export function PostPreview({ platform, name, handle, text, title, measure, attachments, dir }: PostPreviewProps) {
  const { t } = useTranslation();
  const cutAt = measure?.over ? measure.details?.overflowFrom : undefined;
  const shown = cutAt === undefined ? text : `${text.slice(0, cutAt).trimEnd()}…`;
  // The publisher puts the newsroom link in a reply on X and after the text elsewhere (publishing.lifecycle's composePost).
  const linkInReply = platform === 'x';
  const media = attachments.filter((a) => (platform === 'youtube' ? a.mimeType.startsWith('video/') : a.mimeType.startsWith('image/'))).slice(0, platform === 'youtube' ? 1 : 4);
  return (
    <Box>
      <Text size="xs" fw={600} c="dimmed" mb={4}>
        {t('statements.variants.preview', { platform: platformName(platform) })}
      </Text>
      <Paper withBorder p="sm" radius="md" aria-label={t('statements.variants.preview', { platform: platformName(platform) })} role="figure">
        <Stack gap={6}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" radius="xl" color="navy" aria-hidden>
              {name.slice(0, 1).toUpperCase()}
            </Avatar>
            <Box style={{ minWidth: 0 }}>
              <Text size="sm" fw={700} lh={1.2} truncate>
                {name}
              </Text>
              <Group gap={4} wrap="nowrap">
                <PlatformIcon platform={platform} size={12} />
                <Text size="xs" c="dimmed" truncate>
                  {handle ? `@${handle.replace(/^@/, '')}` : t('statements.variants.handlePlaceholder')}
                </Text>
              </Group>
            </Box>
          </Group>
          {title ? (
            <Text size="sm" fw={700} dir={dir} style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Text>
          ) : null}
          <Text size="sm" dir={dir} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {highlighted(shown)}
          </Text>
          {cutAt !== undefined ? (
            <Text size="xs" c="red.8">
              {t('statements.variants.previewCut')}
            </Text>
          ) : null}
          <Group gap={4} c="blue.8" wrap="nowrap">
            <IconLink size={14} aria-hidden />
            <Text size="xs" c="blue.8">
              {linkInReply ? t('statements.variants.previewLinkReply') : t('statements.variants.previewLink')}
            </Text>
          </Group>
          {media.length > 0 ? (
            <Group gap="xs" wrap="wrap">
              {media.map((a) => (
                <Group key={a.id} gap={4} px={6} py={2} bg="gray.1" style={{ borderRadius: 4 }} wrap="nowrap">
                  {a.mimeType.startsWith('video/') ? <IconVideo size={14} aria-hidden /> : <IconPhoto size={14} aria-hidden />}
                  <Text size="xs" truncate maw={160}>
                    {a.altText || a.fileName}
                  </Text>
                </Group>
              ))}
            </Group>
          ) : null}
        </Stack>
      </Paper>
    </Box>
  );
}
