import type { TrendBucket } from '@diplodesk/contracts';
import { Anchor, ScrollArea, Table } from '@mantine/core';
import { Link } from 'react-router';
import { type ChartSeries, type ChartUnit, formatTrendValue, trendBucketLabel } from './TrendChart.tsx';

/** The chart's numbers as a table; every cell links to the items behind it. */
export function TrendTable({ buckets, series, unit, bucket, timeZone, locale, caption, firstColumn, hrefFor }: { buckets: string[]; firstColumn: string; series: ChartSeries[]; unit: ChartUnit; bucket: TrendBucket; timeZone: string; locale: string; caption: string; hrefFor(bucketIndex: number, seriesKey: string | null): string }) {
  return (
    <ScrollArea type="auto" mah={420}>
      <Table striped withTableBorder stickyHeader captionSide="top" fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{firstColumn}</Table.Th>
            {series.map((s) => (
              <Table.Th key={s.key} scope="col">
                {s.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {buckets.map((b, i) => (
            <Table.Tr key={b}>
              <Table.Th scope="row" fw={500}>
                {trendBucketLabel(b, bucket, locale, timeZone)}
              </Table.Th>
              {series.map((s) => (
                <Table.Td key={s.key}>
                  {s.dashed ? (
                    formatTrendValue(s.values[i] ?? null, unit, locale)
                  ) : (
                    <Anchor component={Link} to={hrefFor(i, s.key)}>
                      {formatTrendValue(s.values[i] ?? null, unit, locale)}
                    </Anchor>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
