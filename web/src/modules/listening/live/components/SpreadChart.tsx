import type { ClusterBucket } from '@diplodesk/contracts';
import { Box, Group, Text, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale, toUiLocale } from '../../../../lib/intl.ts';

const width = 600;
const height = 120;

/** A bar's start as a person reads it: the day for daily bars, else the day and time. */
function bucketLabel(iso: string, bucket: ClusterBucket, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = bucket === '1d' ? { dateStyle: 'medium', timeZone } : { dateStyle: 'short', timeStyle: 'short', timeZone };
  try {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(iso));
  }
}

/**
 * Copies of a story over time as a small bar chart (no chart library: a few rectangles). Screen
 * readers get a one-sentence summary and a table of the non-empty bars.
 */
export function SpreadChart({ timeline, bucket, timeZone }: { timeline: { start: string; count: number }[]; bucket: ClusterBucket; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(toUiLocale(i18n.resolvedLanguage));
  const captionId = useId();
  const first = timeline[0];
  const last = timeline.at(-1);
  if (!first || !last) return null;
  const max = Math.max(1, ...timeline.map((b) => b.count));
  const peak = timeline.reduce((best, b) => (b.count > best.count ? b : best), first);
  const barWidth = width / timeline.length;
  const gap = barWidth > 4 ? Math.min(2, barWidth * 0.2) : 0;
  const label = (iso: string) => bucketLabel(iso, bucket, locale, timeZone);
  const summary = t('listeningLive.spread.chartSummary', {
    bucket: t(`listeningLive.spread.buckets.${bucket}`),
    from: label(first.start),
    to: label(last.start),
    peak: peak.count,
    peakAt: label(peak.start),
  });

  return (
    // A few bars stay bar-sized instead of stretching over the whole card.
    <Box component="figure" m={0} maw={Math.max(320, timeline.length * 40)}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="xs" c="dimmed">
          {t('listeningLive.spread.bucketNote', { bucket: t(`listeningLive.spread.buckets.${bucket}`) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('listeningLive.spread.maxNote', { count: max })}
        </Text>
      </Group>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={140} preserveAspectRatio="none" role="img" aria-label={summary} style={{ display: 'block', background: 'var(--mantine-color-gray-0)', borderRadius: 4 }}>
        {timeline.map((b, i) => {
          const h = b.count === 0 ? 0 : Math.max(2, (b.count / max) * (height - 8));
          return (
            <rect key={b.start} x={i * barWidth + gap / 2} y={height - h} width={Math.max(0.5, barWidth - gap)} height={h} fill="var(--mantine-color-blue-7)">
              <title>{`${label(b.start)}: ${b.count}`}</title>
            </rect>
          );
        })}
        <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--mantine-color-gray-6)" strokeWidth={1} />
      </svg>
      <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {label(first.start)}
        </Text>
        <Text size="xs" c="dimmed" ta="right">
          {label(last.start)}
        </Text>
      </Group>
      <VisuallyHidden>
        <table>
          <caption id={captionId}>{t('listeningLive.spread.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('listeningLive.spread.tableTime')}</th>
              <th scope="col">{t('listeningLive.spread.tableCopies')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline
              .filter((b) => b.count > 0)
              .map((b) => (
                <tr key={b.start}>
                  <td>{label(b.start)}</td>
                  <td>{b.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Box>
  );
}
