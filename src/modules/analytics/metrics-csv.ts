/** A metrics answer as CSV: one line per metric and row, the grouping columns first, details flattened. */
export function metricsCsv(result: {
  metrics: { key: string; status: string; reason?: string; rows: Record<string, unknown>[] }[];
}): string {
  const columns = new Set<string>();
  const lines: Record<string, unknown>[] = [];
  for (const metric of result.metrics) {
    if (metric.rows.length === 0) lines.push({ metric: metric.key, status: metric.status, reason: metric.reason ?? '' });
    for (const row of metric.rows) lines.push({ metric: metric.key, status: metric.status, ...flatten(row) });
  }
  for (const line of lines) for (const key of Object.keys(line)) columns.add(key);
  const header = [...columns];
  return `${[header.join(','), ...lines.map((line) => header.map((c) => cell(line[c])).join(','))].join('\r\n')}\r\n`;
}

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, name));
    else out[name] = Array.isArray(v) ? JSON.stringify(v) : v;
  }
  return out;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what CSV needs quoted, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
