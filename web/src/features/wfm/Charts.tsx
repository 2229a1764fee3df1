import { Box, Group, Text } from '@mantine/core';

export interface Series {
  label: string;
  color: string;
  /** One value per point; null leaves a gap. */
  values: (number | null)[];
  /** Drawn as bars instead of a line. */
  bars?: boolean;
  dashed?: boolean;
}

const W = 1000;

/** A small responsive SVG chart: lines and bars over the same points, with day ticks below. */
export function TimeChart({
  series,
  ticks,
  height = 220,
  label,
}: {
  series: Series[];
  ticks: { at: number; text: string }[];
  height?: number;
  label: string;
}) {
  const points = Math.max(1, ...series.map((s) => s.values.length));
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const H = 300;
  const x = (i: number) => (i / Math.max(1, points - 1)) * W;
  const y = (v: number) => H - (v / max) * (H - 10);
  const step = W / points;

  return (
    <Box>
      <Group gap="md" mb={6} wrap="wrap">
        {series.map((s) => (
          <Group key={s.label} gap={6} wrap="nowrap">
            <Box w={14} h={4} style={{ background: s.color, borderRadius: 2 }} />
            <Text size="xs" c="dimmed">
              {s.label}
            </Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed" ml="auto">
          peak {max.toFixed(max < 10 ? 1 : 0)}
        </Text>
      </Group>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        width="100%"
        height={height}
        role="img"
        aria-label={label}
        style={{ display: 'block' }}
      >
        <line x1={0} y1={H} x2={W} y2={H} stroke="var(--mantine-color-gray-4)" strokeWidth={1} />
        {ticks.map((t) => (
          <line key={t.at} x1={x(t.at)} y1={0} x2={x(t.at)} y2={H} stroke="var(--mantine-color-gray-2)" strokeWidth={1} />
        ))}
        {series.map((s) =>
          s.bars ? (
            <path key={s.label} d={barsOf(s.values, step, y, H)} fill={s.color} opacity={0.55} />
          ) : (
            <path
              key={s.label}
              d={pathOf(s.values, x, y)}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              vectorEffect="non-scaling-stroke"
            />
          ),
        )}
      </svg>
      <Box pos="relative" h={18}>
        {ticks.map((t) => (
          <Text key={t.at} size="xs" c="dimmed" pos="absolute" style={{ left: `${(x(t.at) / W) * 100}%`, whiteSpace: 'nowrap' }}>
            {t.text}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

function barsOf(values: (number | null)[], step: number, y: (v: number) => number, bottom: number): string {
  const width = Math.max(step * 0.9, 0.5).toFixed(2);
  return values
    .map((v, i) => (v === null || v <= 0 ? '' : `M${(i * step).toFixed(1)},${bottom}V${y(v).toFixed(1)}h${width}V${bottom}Z`))
    .join('');
}

function pathOf(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** Ticks at each midnight (UTC) among ISO starts, labelled like "Mon 7", every `every` days. */
export function dayTicks(starts: string[], every = 1): { at: number; text: string }[] {
  const ticks: { at: number; text: string }[] = [];
  let days = 0;
  starts.forEach((s, i) => {
    if (!s.endsWith('T00:00:00.000Z')) return;
    if (days++ % every === 0) {
      const d = new Date(s);
      ticks.push({ at: i, text: d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', timeZone: 'UTC' }) });
    }
  });
  return ticks;
}
