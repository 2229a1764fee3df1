import type { TicketRow } from '../../db/schema.ts';
import type { Context } from '../../platform/context.ts';
import type { TextClassifier } from './classifier.ts';
import * as repo from './intake.repository.ts';
import { cosine, countFeatures, type SparseVector, weightFeatures } from './text-features.ts';

const bits = 16;
let uniform: Float32Array | undefined;

/** A text's vector for comparing tickets: the model's IDF when there is one, plain counts otherwise. */
export function similarityVector(text: string, model?: TextClassifier): SparseVector {
  if (model) return model.vector(text);
  uniform ??= new Float32Array(1 << bits).fill(1);
  return weightFeatures(countFeatures(text, bits), uniform);
}

/** The most similar open ticket of the same requester in the last 30 days, if similar enough. */
export async function findDuplicate(
  db: Context['db'],
  ticket: TicketRow,
  text: string,
  now: Date,
  threshold: number,
  model?: TextClassifier,
): Promise<number | null> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const candidates = await repo.listOpenTicketsOfRequester(db, ticket.requester_id, ticket.id, since);
  if (!candidates.length) return null;
  const vector = similarityVector(text, model);
  let best: { id: number; similarity: number } | undefined;
  for (const candidate of candidates) {
    const similarity = cosine(vector, similarityVector(candidate.text, model));
    if (similarity >= threshold && (!best || similarity > best.similarity)) best = { id: candidate.id, similarity };
  }
  return best?.id ?? null;
}
