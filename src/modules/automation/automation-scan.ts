/**
 * Time-based automations, run by the `automation.scan` job (every minute from a worker). Each
 * automation runs at most once per ticket and occurrence of its time condition: the run is claimed by
 * inserting (automation, ticket, anchor) — the instant the time counts from — in the same
 * transaction as its actions, so two workers scanning at once cannot both act.
 */
import type { Context } from '../../platform/context.ts';
import { businessTimeBetween, type BusinessCalendar, loadSlaSetup } from '../sla/index.ts';
import { type NewTicketEvent, runTicketChangeHooks } from '../tickets/index.ts';
import * as repo from './automation.repository.ts';
import type { TimeCondition } from './automation.schemas.ts';
import { applyRuleChanges, enqueueEffects, ruleActor } from './rule-effects.ts';
import { type Action, applyFieldActions, type Conditions, compileConditions, noChange, type Predicate } from './rules.ts';

export const scanJob = 'automation.scan';
const pageSize = 500;
const maxPages = 20;

interface CompiledAutomation {
  id: number;
  name: string;
  time: TimeCondition;
  matches: Predicate;
  actions: Action[];
  statuses: string[] | null;
}

/** The statuses an automation is limited to, when its conditions say so: they narrow the scan in SQL. */
function statusesOf(conditions: Conditions): string[] | null {
  for (const c of conditions.all) {
    if (c.field !== 'status') continue;
    if (c.operator === 'is' && typeof c.value === 'string') return [c.value];
    if (c.operator === 'in' && Array.isArray(c.value)) return c.value.map(String);
  }
  return null;
}

function compile(row: repo.AutomationRow): CompiledAutomation {
  const conditions = row.conditions as Conditions;
  return {
    id: row.id,
    name: row.name,
    time: row.time_condition as TimeCondition,
    matches: compileConditions(conditions),
    actions: row.actions as Action[],
    statuses: statusesOf(conditions),
  };
}

export interface ScanResult {
  automations: number;
  candidates: number;
  ran: number;
}

/** Runs every active automation over the tickets whose time has come. */
export async function runAutomations(ctx: Context, now: Date = ctx.clock.now()): Promise<ScanResult> {
  const automations = (await repo.listAutomations(ctx.db, true)).map(compile);
  const result: ScanResult = { automations: automations.length, candidates: 0, ran: 0 };
  if (automations.length === 0) return result;
  const calendars = automations.some((a) => a.time.business_hours)
    ? (await loadSlaSetup(ctx.db)).calendars
    : new Map<number, BusinessCalendar>();
  for (const automation of automations) {
    const thresholdMs = automation.time.hours * 3_600_000;
    const calendar = automation.time.business_hours ? (calendars.get(automation.time.calendar_id ?? -1) ?? null) : null;
    if (automation.time.business_hours && !calendar) {
      ctx.log.warn({ automation: automation.id }, 'automation skipped: its business-hours calendar no longer exists');
      continue;
    }
    // Business time never exceeds wall time, so the wall-clock cutoff is a safe first filter.
    const cutoff = new Date(now.getTime() - thresholdMs);
    let afterId = 0;
    for (let page = 0; page < maxPages; page++) {
      const candidates = await repo.automationCandidates(
        ctx.db,
        automation.id,
        automation.time.since,
        cutoff,
        automation.statuses,
        afterId,
        pageSize,
      );
      for (const candidate of candidates) {
        result.candidates++;
        if (!automation.matches({ ...candidate, tags: [...candidate.tags] }, noChange())) continue;
        if (calendar && businessTimeBetween(calendar, candidate.anchor, now) < thresholdMs) continue;
        if (await runOne(ctx, automation, candidate.id, new Date(candidate.anchor), now)) result.ran++;
      }
      if (candidates.length < pageSize) break;
      afterId = candidates[candidates.length - 1]?.id ?? afterId;
    }
  }
  return result;
}

/** Claims and runs one automation on one ticket; false when another worker did, or the ticket changed meanwhile. */
async function runOne(ctx: Context, automation: CompiledAutomation, ticketId: number, anchor: Date, now: Date): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockTicketRow(trx, ticketId);
    if (!row || row.status === 'closed') return false;
    const current = await repo.currentAnchor(trx, ticketId, automation.time.since);
    if (!current || new Date(current).getTime() !== anchor.getTime()) return false;
    const ticket = { ...row, tags: [...row.tags] };
    const facts = noChange();
    if (!automation.matches(ticket, facts)) return false;
    if (!(await repo.claimRun(trx, automation.id, ticketId, anchor, now))) return false;
    const changes = {};
    const effects = applyFieldActions(ticket, automation.actions, facts, changes).map((action) => ({
      source: { kind: 'automation', id: automation.id, name: automation.name },
      action,
    }));
    const actor = ruleActor('Automation', automation.name);
    const events: NewTicketEvent[] = [];
    const updated = await applyRuleChanges(
      ctx,
      trx,
      actor,
      row,
      changes,
      [{ type: 'automation.ran', after: { automation_id: automation.id, name: automation.name, anchor: anchor.toISOString() } }],
      now,
      events,
    );
    if (!updated) return true;
    await enqueueEffects(ctx, trx, updated, effects, now);
    // Triggers and webhooks see an automation's change like any other.
    await runTicketChangeHooks(trx, { ctx, ticketId, kind: 'updated', events, actor, now, ticket: updated });
    return true;
  });
}
