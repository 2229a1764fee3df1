/** `npm run bench -- kb-latency`: the latency half of bench/kb.bench.ts. */
import { runLatency } from './kb.bench.ts';

export const description = 'Knowledge-base search latency with 100,000 articles on PostgreSQL (target p95 < 30 ms)';

export async function run(): Promise<void> {
  console.log(JSON.stringify({ bench: 'kb-latency', ...(await runLatency()) }));
}
