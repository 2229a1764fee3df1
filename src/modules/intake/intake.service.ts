import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Evaluation } from './evaluation.ts';
import * as repo from './intake.repository.ts';
import type { IntakeSettings, ModelView } from './intake.schemas.ts';

/** A stored evaluation with category names beside the ids. */
function named(evaluation: Evaluation, names: Map<number, string>) {
  const name = (id: number) => names.get(id) ?? null;
  return {
    ...evaluation,
    per_category: evaluation.per_category.map((c) => ({ ...c, category: name(c.category_id) })),
    confusions: evaluation.confusions.map((c) => ({ ...c, actual: name(c.actual_id), predicted: name(c.predicted_id) })),
  };
}

async function categoryNameMap(ctx: Context): Promise<Map<number, string>> {
  const rows = await repo.categoryNames(ctx.db);
  return new Map(rows.map((r) => [Number(r.id), r.path || r.name]));
}

/** The newest model's summary and hold-out figures, or null before the first training. */
export async function getModelStatus(ctx: Context): Promise<{ model: ModelView | null }> {
  const row = await repo.findLatestModelSummary(ctx.db);
  if (!row) return { model: null };
  const metrics = row.metrics as unknown as Evaluation | Record<string, never>;
  return {
    model: {
      model_id: Number(row.id),
      trained_at: row.trained_at.toISOString(),
      examples: row.examples,
      categories: row.categories,
      training_ms: row.training_ms,
      holdout: 'accuracy' in metrics ? named(metrics as Evaluation, await categoryNameMap(ctx)) : null,
    },
  };
}

/** Adds category names to a fresh training result. */
export async function presentTraining(
  ctx: Context,
  result: { model_id: number; trained_at: string; examples: number; categories: number; training_ms: number; holdout: Evaluation | null },
): Promise<ModelView> {
  return { ...result, holdout: result.holdout ? named(result.holdout, await categoryNameMap(ctx)) : null };
}

function presentSettings(row: repo.IntakeSettingsRow): IntakeSettings {
  return {
    apply_threshold: row.apply_threshold,
    suggest_threshold: row.suggest_threshold,
    duplicate_similarity: row.duplicate_similarity,
    spike_customers: row.spike_customers,
    spike_window_minutes: row.spike_window_minutes,
  };
}

export async function getIntakeSettings(ctx: Context): Promise<IntakeSettings> {
  return presentSettings(await repo.findSettings(ctx.db));
}

/** Changes the thresholds. Throws validation_failed when the suggestion threshold is above the apply threshold. */
export async function updateIntakeSettings(ctx: Context, patch: Partial<IntakeSettings>): Promise<IntakeSettings> {
  const current = presentSettings(await repo.findSettings(ctx.db));
  const next = { ...current, ...patch };
  if (next.suggest_threshold > next.apply_threshold) {
    throw new AppError('validation_failed', 'suggest_threshold cannot be above apply_threshold.', [
      { path: 'suggest_threshold', message: `must be at most apply_threshold (${next.apply_threshold})` },
    ]);
  }
  return presentSettings(await repo.updateSettings(ctx.db, { ...patch, updated_at: ctx.clock.now() }));
}

/** What intake read in one ticket. Throws ticket_not_found when the ticket has no intake record (or does not exist). */
export async function getTicketIntake(ctx: Context, ticketId: number) {
  const [row, settings] = await Promise.all([repo.findTicketIntake(ctx.db, ticketId), repo.findSettings(ctx.db)]);
  if (!row) throw new AppError('ticket_not_found', `Ticket ${ticketId} has no intake analysis.`);
  const category =
    row.predicted_category_id !== null
      ? { id: Number(row.predicted_category_id), name: row.category_name ?? '', path: row.category_path ?? '' }
      : null;
  return {
    ticket_id: Number(row.ticket_id),
    predicted_category: category,
    predicted_confidence: row.predicted_confidence,
    applied: row.applied,
    suggested: !row.applied && category !== null && (row.predicted_confidence ?? 0) >= settings.suggest_threshold,
    predicted_priority: row.predicted_priority,
    language: row.language,
    sentiment: row.sentiment,
    duplicate_of_id: row.duplicate_of_id === null ? null : Number(row.duplicate_of_id),
    problem_id: row.problem_id === null ? null : Number(row.problem_id),
  };
}

/**
 * Categories whose volume in the last 24 hours is far above their daily mean of the 14 days before
 * (at least three times it, and at least 10 tickets).
 */
export async function listVolumeAlerts(ctx: Context) {
  const days = 14;
  const rows = await repo.categoryVolumes(ctx.db, ctx.clock.now(), days);
  return {
    volume: rows
      .map((r) => {
        const baseline = r.baseline_total / days;
        return {
          category_id: Number(r.category_id),
          category: r.name,
          last_day: r.last_day,
          baseline_per_day: Math.round(baseline * 100) / 100,
          ratio: Math.round((r.last_day / Math.max(baseline, 1)) * 100) / 100,
        };
      })
      .filter((a) => a.last_day >= 10 && a.last_day >= 3 * Math.max(a.baseline_per_day, 1))
      .sort((a, b) => b.ratio - a.ratio),
  };
}
