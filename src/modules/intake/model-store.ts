import type { Context } from '../../platform/context.ts';
import { TextClassifier } from './classifier.ts';
import * as repo from './intake.repository.ts';

// One deserialised model per database per process. The creation hook reads the newest model's id
// (with the settings, in one small query) and reloads only when a retrain made a newer one, in
// this process or another.
const models = new WeakMap<object, { id: number; classifier: TextClassifier }>();

export async function cachedModel(ctx: Context, db: Context['db'], id: number): Promise<TextClassifier | undefined> {
  const held = models.get(ctx.db);
  if (held?.id === id) return held.classifier;
  const blob = await repo.findModelBlob(db, id);
  if (!blob) return undefined;
  const classifier = TextClassifier.deserialize(blob);
  models.set(ctx.db, { id, classifier });
  return classifier;
}

/** A freshly trained model goes straight into this process's cache. */
export function rememberModel(ctx: Context, id: number, classifier: TextClassifier): void {
  models.set(ctx.db, { id, classifier });
}
