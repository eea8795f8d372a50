/** A small line of daily values (SVG, no chart library): the shape, not the figures, which the label gives. */
export function Sparkline({ values, label, warning = false, width = 120, height = 28 }: { values: readonly number[]; label: string; warning?: boolean; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke={warning ? '#c92a2a' : '#30539f'} strokeWidth={1.6} strokeLinejoin="round" />
    </svg>
  );
}
