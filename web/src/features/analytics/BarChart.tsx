/** A horizontal bar chart in plain SVG: one labelled bar per value, scaled to the largest. */
export function BarChart({
  bars,
  format = (v: number) => v.toLocaleString('en'),
}: {
  bars: { label: string; value: number }[];
  format?: (value: number) => string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  return (
    <svg
      role="img"
      aria-label={bars.map((b) => `${b.label}: ${format(b.value)}`).join(', ')}
      viewBox={`0 0 400 ${bars.length * row}`}
      width="100%"
      style={{ maxHeight: bars.length * row * 1.2 }}
    >
      {bars.map((b, i) => (
        <g key={b.label} transform={`translate(0 ${i * row})`}>
          <text x={0} y={17} fontSize={12} fill="currentColor">
            {b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label}
          </text>
          <rect x={120} y={5} height={16} rx={3} width={Math.max(1, (b.value / max) * 210)} fill="var(--mantine-color-blue-6)" />
          <text x={126 + (b.value / max) * 210} y={17} fontSize={12} fill="currentColor">
            {format(b.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}
