import { sql } from 'kysely';
import type { TicketRow } from '../../db/schema.ts';
import { type Context, systemActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { applyTicketChanges, type NewTicketEvent, type TicketChange } from '../tickets/index.ts';
import type { TextClassifier } from './classifier.ts';
import * as repo from './intake.repository.ts';
import { findDuplicate } from './duplicates.ts';
import { cachedModel } from './model-store.ts';
import { detectLanguage, frustrationScore, urgencyPriority } from './text-signals.ts';

type Db = Context['db'];

/**
 * The ticket-creation hook: predicts the category of a ticket that arrived without one (applied
 * above the confidence threshold, kept as a suggestion below it), reads language, frustration and
 * urgency, looks for an open duplicate from the same customer, and opens a problem record when
 * many customers report the same thing within the spike window. Runs in the ticket's transaction.
 */
export async function analyseNewTicket(trx: Db, change: TicketChange): Promise<void> {
  if (change.kind !== 'created') return;
  const ticket = change.ticket ?? (await trx.selectFrom('tickets').selectAll().where('id', '=', change.ticketId).executeTakeFirst());
  if (!ticket) return;
  const { modelId, settings } = await repo.findIntakeState(trx);
  const text = `${ticket.subject}\n${await repo.firstMessage(trx, ticket.id)}`;
  const model = modelId === null ? undefined : await cachedModel(change.ctx, trx, modelId);
  const prediction = model && ticket.category_id === null ? model.predict(text) : undefined;
  let current: TicketRow = ticket;
  let applied = false;
  if (prediction && prediction.confidence >= settings.apply_threshold) {
    const updated = await applyCategory(change, trx, ticket, prediction.label);
    if (updated) {
      current = updated;
      applied = true;
    }
  }
  const duplicateOf = await findDuplicate(trx, ticket, text, change.now, settings.duplicate_similarity, model);
  await repo.insertTicketIntake(trx, {
    ticket_id: ticket.id,
    model_id: prediction ? modelId : null,
    predicted_category_id: prediction?.label ?? null,
    predicted_confidence: prediction ? Math.round(prediction.confidence * 10_000) / 10_000 : null,
    applied,
    predicted_priority: urgencyPriority(text),
    language: detectLanguage(text),
    sentiment: frustrationScore(text),
    duplicate_of_id: duplicateOf,
    created_at: change.now,
  });
  const category = current.category_id ?? prediction?.label ?? null;
  if (category !== null) await detectSpike(trx, category, change.now, settings);
}

/** Sets the predicted category through the tickets module (one event, as any change); a refusal leaves the ticket as it was. */
async function applyCategory(change: TicketChange, trx: Db, ticket: TicketRow, categoryId: number): Promise<TicketRow | undefined> {
  const recorded: NewTicketEvent[] = [];
  await sql`savepoint intake_category`.execute(trx);
  try {
    const updated = await applyTicketChanges(trx, systemActor, ticket, { category_id: categoryId }, change.now, [], recorded);
    await sql`release savepoint intake_category`.execute(trx);
    change.events.push(...recorded);
    change.ticket = updated;
    return updated;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await sql`rollback to savepoint intake_category`.execute(trx);
    change.ctx.log.warn({ ticket: ticket.id, code: error.code }, 'the predicted category could not be applied');
    return undefined;
  }
}

/** Many customers in one category within the window: link them all to one open problem record. */
async function detectSpike(trx: Db, categoryId: number, now: Date, settings: repo.IntakeSettingsRow): Promise<void> {
  const since = new Date(now.getTime() - settings.spike_window_minutes * 60_000);
  const members = await repo.listRecentTicketsInCategory(trx, categoryId, since);
  if (members.length < settings.spike_customers) return;
  const existing = await repo.findRecentOpenProblem(trx, categoryId, since);
  let problemId = existing ? Number(existing.id) : undefined;
  if (problemId === undefined) {
    const category = await repo.categoryName(trx, categoryId);
    const name = category?.path || category?.name || `category ${categoryId}`;
    problemId = await repo.openSpikeProblem(
      trx,
      categoryId,
      `Spike: ${members.length} customers reporting "${name}"`,
      `Opened at intake: ${members.length} different customers reported tickets in "${name}" within ${settings.spike_window_minutes} minutes.`,
      now,
    );
  }
  await repo.linkProblemTickets(
    trx,
    problemId,
    members.map((m) => m.id),
    now,
  );
}

export type { TextClassifier };
