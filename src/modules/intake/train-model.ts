import type { Actor, Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { seededRandom, type TextClassifier, TextClassifier as Classifier, trainClassifier } from './classifier.ts';
import { type Evaluation, evaluate } from './evaluation.ts';
import * as repo from './intake.repository.ts';
import { rememberModel } from './model-store.ts';

/** The newest categorised tickets a model learns from. */
const maxExamples = 50_000;
/** An agent's correction of a prediction counts as this many ordinary examples. */
const correctionWeight = 3;

export interface TrainingResult {
  model_id: number;
  trained_at: string;
  examples: number;
  categories: number;
  holdout: Evaluation | null;
  training_ms: number;
}

/**
 * Trains a categorisation model on the organisation's categorised tickets (subject and first
 * message; corrections weigh more), measures it on a stratified 20% hold-out, then fits the
 * model it keeps on every example and stores it. Throws unprocessable without two categories
 * with at least two tickets each.
 */
export async function trainModel(ctx: Context, actor: Actor): Promise<TrainingResult> {
  const rows = await repo.listTrainingRows(ctx.db, maxExamples);
  const perCategory = new Map<number, number>();
  for (const row of rows) perCategory.set(row.category_id, (perCategory.get(row.category_id) ?? 0) + 1);
  if ([...perCategory.values()].filter((n) => n >= 2).length < 2) {
    throw new AppError('unprocessable', 'Training needs categorised tickets in at least two categories, two tickets each.', {
      categorised_tickets: rows.length,
      categories: perCategory.size,
    });
  }
  const examples = rows.map((r) => ({ text: r.text, label: r.category_id, weight: r.corrected ? correctionWeight : 1 }));
  const started = performance.now();
  const { train, test } = holdOut(examples, 0.2, 7);
  let holdout: Evaluation | null = null;
  if (test.length) {
    const trial = trainClassifier(train);
    holdout = evaluate(test.map((e) => ({ actual: e.label, predicted: trial.predict(e.text).label })));
  }
  const classifier = trainClassifier(examples);
  const trainingMs = Math.round(performance.now() - started);
  const blob = classifier.serialize();
  const trainedAt = ctx.clock.now();
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertModel(trx, {
      trained_at: trainedAt,
      trained_by_user_id: actor.userId,
      examples: examples.length,
      categories: classifier.labels.length,
      accuracy: holdout?.accuracy ?? null,
      training_ms: trainingMs,
      metrics: JSON.stringify(holdout ?? {}),
      model: blob,
    });
    await repo.pruneModels(trx, 3);
    return row;
  });
  rememberModel(ctx, Number(saved.id), Classifier.deserialize(blob));
  return {
    model_id: Number(saved.id),
    trained_at: trainedAt.toISOString(),
    examples: examples.length,
    categories: classifier.labels.length,
    holdout,
    training_ms: trainingMs,
  };
}

/** A stratified split: about `share` of each category (never its only example) is held out. */
function holdOut<T extends { label: number }>(examples: T[], share: number, seed: number): { train: T[]; test: T[] } {
  const random = seededRandom(seed);
  const byLabel = new Map<number, T[]>();
  for (const e of examples) {
    const group = byLabel.get(e.label);
    if (group) group.push(e);
    else byLabel.set(e.label, [e]);
  }
  const train: T[] = [];
  const test: T[] = [];
  for (const group of byLabel.values()) {
    const shuffled = group.map((e) => ({ e, r: random() })).sort((a, b) => a.r - b.r);
    const held = group.length >= 2 ? Math.max(1, Math.round(group.length * share)) : 0;
    for (const [i, { e }] of shuffled.entries()) (i < held ? test : train).push(e);
  }
  return { train, test };
}

export type { TextClassifier };
