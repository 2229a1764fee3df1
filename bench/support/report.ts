/** A row of the summary table: a figure, and the target it is held to when there is one. */
export interface Row {
  figure: string;
  value: string;
  target?: string;
  /** undefined: no target. */
  pass?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  const header: Row = { figure: 'figure', value: 'measured', target: 'target' };
  const width = (key: 'figure' | 'value' | 'target') => Math.max(...[header, ...rows].map((r) => (r[key] ?? '').length));
  const [wf, wv, wt] = [width('figure'), width('value'), width('target')];
  const line = (r: Row, verdict: string) => `  ${r.figure.padEnd(wf)}  ${r.value.padStart(wv)}  ${(r.target ?? '').padEnd(wt)}  ${verdict}`;
  console.log(`\n${title}`);
  console.log(line(header, 'result'));
  console.log(`  ${'-'.repeat(wf + wv + wt + 12)}`);
  for (const row of rows) console.log(line(row, row.pass === undefined ? '' : row.pass ? 'PASS' : 'MISS'));
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const perSecond = (value: number) => `${value.toFixed(0)}/s`;
export const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
