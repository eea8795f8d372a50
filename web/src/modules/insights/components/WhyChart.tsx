import type { AlertWhy } from '@diplodesk/contracts';
import { Box } from '@mantine/core';

const width = 320;
const height = 72;

/**
 * Why an alert fired, drawn small: the watched series, the expected level as a dashed line, and
 * the buckets that fired in red. The sentence beside it (AlertCard) says the same in words.
 */
export function WhyChart({ why, label }: { why: AlertWhy; label: string }) {
  const values = why.series.map((p) => p.value);
  const low = why.method === 'tone-drop' ? Math.min(-1, ...values) : 0;
  const high = Math.max(low + 1e-9, ...values, why.expected, why.method === 'threshold' ? why.threshold : 0);
  const x = (i: number) => (values.length <= 1 ? 0 : (i / (values.length - 1)) * (width - 4) + 2);
  const y = (v: number) => height - 4 - ((v - low) / (high - low)) * (height - 8);
  const line = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const level = why.method === 'threshold' ? why.threshold : why.expected;
  return (
    <Box component="svg" viewBox={`0 0 ${width} ${height}`} w="100%" maw={width} h={height} role="img" aria-label={label} style={{ display: 'block' }}>
      <line x1={0} x2={width} y1={y(level)} y2={y(level)} stroke="#6b6b6b" strokeDasharray="4 3" strokeWidth={1} />
      <path d={line} fill="none" stroke="#30539f" strokeWidth={1.5} />
      {values.map((v, i) =>
        i >= why.start && i <= why.end ? <circle key={why.series[i]?.at ?? i} cx={x(i)} cy={y(v)} r={3.5} fill="#c92a2a" /> : null,
      )}
    </Box>
  );
}
