import type { BriefSectionDto } from '@diplodesk/contracts';
import { Anchor, Box, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber, intlLocale, toUiLocale } from '../../../lib/intl.ts';
import { SectionCard } from '../../../ui/SectionCard.tsx';

const width = 480;
const height = 64;

/** Items per hour as small bars; the label says the same in words. */
function HourBars({ chart, label }: { chart: NonNullable<BriefSectionDto['chart']>; label: string }) {
  const max = Math.max(1, ...chart.map((p) => p.value));
  const step = width / chart.length;
  return (
    <Box component="svg" viewBox={`0 0 ${width} ${height}`} w="100%" maw={width} h={height} role="img" aria-label={label} style={{ display: 'block' }}>
      {chart.map((p, i) => {
        const h = (p.value / max) * (height - 2);
        return h > 0 ? <rect key={p.label} x={i * step + 1} y={height - h} width={Math.max(1, step - 2)} height={h} fill="#30539f" /> : null;
      })}
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#6b6b6b" strokeWidth={1} />
    </Box>
  );
}

/** One section of the brief: its figures, an optional chart and its items as links; or a plain note that it is not configured yet. */
export function BriefSectionCard({ section, timeZone }: { section: BriefSectionDto; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const title = t(`insightsBrief.sections.${section.id}`, { defaultValue: section.id });
  const time = new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone });
  if (section.state === 'not-configured') {
    return (
      <SectionCard title={title}>
        <Text size="sm" c="dimmed" fs="italic">
          {t(`insightsBrief.notConfigured.${section.id}`, { defaultValue: t('insightsBrief.notConfigured.default') })}
        </Text>
      </SectionCard>
    );
  }
  const chart = section.chart;
  return (
    <SectionCard title={title}>
      <Stack gap="sm">
        {section.figures.length > 0 ? (
          <Group gap="xl">
            {section.figures.map((f) => (
              <div key={f.key}>
                <Text size="xs" c="dimmed">
                  {t(`insightsBrief.figures.${f.key}`, { defaultValue: f.key })}
                </Text>
                <Text fw={700} size="xl">
                  {formatNumber(f.value, locale)}
                </Text>
              </div>
            ))}
          </Group>
        ) : null}
        {chart && chart.length > 0 ? <HourBars chart={chart} label={t('insightsBrief.chartLabel', { first: chart[0]?.label ?? '', last: chart.at(-1)?.label ?? '', max: Math.max(...chart.map((p) => p.value)) })} /> : null}
        {section.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t(`insightsBrief.none.${section.id}`, { defaultValue: t('insightsBrief.none.default') })}
          </Text>
        ) : (
          <List type="ordered" spacing="xs">
            {section.items.map((item) => (
              <List.Item key={`${item.url}|${item.at ?? ""}|${item.title}`}>
                {/^https?:\/\//.test(item.url) ? (
                  <Anchor href={item.url} target="_blank" rel="noreferrer">
                    {item.titles?.[locale] ?? item.title}
                  </Anchor>
                ) : (
                  <Anchor component={Link} to={item.url}>
                    {item.titles?.[locale] ?? item.title}
                  </Anchor>
                )}
                <Text size="xs" c="dimmed">
                  {[item.count !== null ? t('insightsBrief.items', { count: item.count, formatted: formatNumber(item.count, locale) }) : null, item.at ? time.format(new Date(item.at)) : null, item.tag ? t(`insightsBrief.kinds.${item.tag}`, { defaultValue: item.tag }) : null].filter(Boolean).join(' · ')}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </SectionCard>
  );
}
