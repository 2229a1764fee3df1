/** `npm run bench -- kb-relevance`: the relevance half of bench/kb.bench.ts. */
import { runRelevance } from './kb.bench.ts';

export const description = 'Knowledge-base search relevance: nDCG@5 and recall@5 on the demo knowledge base, against two baselines';

export async function run(): Promise<void> {
  console.log(JSON.stringify({ bench: 'kb-relevance', ...(await runRelevance()) }));
}
