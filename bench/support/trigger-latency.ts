/**
 * What triggers add to a ticket update: the same updates (through the ticket service, SLA
 * recomputation included) without the trigger hook and with it over 200 active triggers that do not
 * fire, alternating update by update so that both see the same machine; the added latency is the
 * difference of the medians. Also the evaluation alone, in memory.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { testConfig } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { changeFacts, compileTrigger, evaluateTriggers, runTriggers } from '../../src/modules/automation/trigger-engine.ts';
import { registerBackgroundWork } from '../../src/modules/index.ts';
import { onTicketChange, updateTicket } from '../../src/modules/tickets/index.ts';
import { ConfigCache } from '../../src/platform/cache.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { type Context, systemActor } from '../../src/platform/context.ts';
import { openJobs } from '../../src/platform/jobs.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { createMailer } from '../../src/platform/mail.ts';
import { openRealtimeBus } from '../../src/platform/realtime.ts';

/** 200 triggers of the kinds admins write, none of which fires on a priority change between P2 and P3. */
function triggerRows(count: number, now: Date) {
  return Array.from({ length: count }, (_, i) => {
    const kinds = [
      {
        all: [
          { field: 'update_type', operator: 'is', value: 'created' },
          { field: 'subject', operator: 'contains', value: `word${i}` },
        ],
      },
      {
        all: [
          { field: 'status', operator: 'changed_to', value: 'solved' },
          { field: 'group_id', operator: 'is', value: i },
        ],
      },
      { all: [{ field: 'tags', operator: 'contains', value: `tag-${i}` }], any: [] },
      {
        all: [
          { field: 'priority', operator: 'changed_to', value: 'p1' },
          { field: 'channel', operator: 'in', value: ['email', 'chat'] },
        ],
      },
      {
        all: [
          { field: 'comment', operator: 'is', value: 'from_customer' },
          { field: 'tier', operator: 'greater_than', value: 2 },
        ],
      },
    ];
    return {
      name: `Bench trigger ${i}`,
      position: i,
      active: false,
      conditions: JSON.stringify({ any: [], ...kinds[i % kinds.length] }),
      actions: JSON.stringify([
        { type: 'add_tags', tags: [`fired-${i}`] },
        { type: 'notify', to: 'assignee', subject: 'x', body: 'y' },
      ]),
      created_at: now,
      updated_at: now,
    };
  });
}

export interface TriggerLatency {
  updates: number;
  without_ms: number;
  with_ms: number;
  added_ms: number;
  ratio: number;
  without_p50_ms: number;
  with_p50_ms: number;
  fired: number;
  /** Evaluating the 200 compiled triggers against one change, in memory. */
  evaluate_us: number;
}

/** The in-memory part alone: 200 compiled triggers against one priority change. */
function evaluationMicros(count: number, now: Date): number {
  const triggers = triggerRows(count, now).map((row, i) =>
    compileTrigger({
      ...row,
      id: i + 1,
      description: '',
      conditions: JSON.parse(row.conditions),
      actions: JSON.parse(row.actions),
      active: true,
    }),
  );
  const ticket = {
    id: 1,
    subject: 'Printer on fire',
    status: 'open',
    priority: 'p2',
    type: 'question',
    channel: 'email',
    assignee_id: null,
    group_id: 3,
    tier: 1,
    category_id: null,
    organization_id: null,
    requester_id: 1,
    tags: ['vip'],
  };
  const events = [{ type: 'ticket.field_changed', field: 'priority', before: 'p3', after: 'p2' }];
  const iterations = 20_000;
  const start = performance.now();
  for (let i = 0; i < iterations; i++)
    evaluateTriggers(triggers, { ...ticket }, changeFacts({ kind: 'updated', events, actor: systemActor }));
  return ((performance.now() - start) * 1000) / iterations;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function measureTriggerLatency(
  handle: DatabaseHandle,
  options: { now: Date; ticketIds: number[]; triggers: number; rounds: number; perRound: number },
): Promise<TriggerLatency> {
  const log = createLogger('silent');
  const realtime = await openRealtimeBus(handle, log);
  const jobs = await openJobs({ db: handle.db, kind: handle.kind, pglite: handle.pglite, databaseUrl: handle.databaseUrl, log });
  const config = testConfig();
  const cache = new ConfigCache().listen(realtime, log);
  const ctx: Context = {
    config,
    db: handle.db,
    dbKind: handle.kind,
    clock: new ManualClock(options.now.toISOString()),
    log,
    realtime,
    mailer: createMailer({ smtpUrl: undefined, from: config.supportEmail, log }),
    cache,
    jobs,
  };
  try {
    await registerBackgroundWork(ctx);
    await handle.db.insertInto('automation_triggers').values(triggerRows(options.triggers, options.now)).execute();
    await sql`update automation_triggers set active = true`.execute(handle.db);
    cache.drop('automation');
    // A/B on alternate updates: the trigger hook is registered for one update and not for the next.
    let removeTriggers: (() => void) | undefined = onTicketChange(runTriggers, 'triggers');
    const triggersOn = (on: boolean) => {
      if (on && !removeTriggers) removeTriggers = onTicketChange(runTriggers, 'triggers');
      if (!on && removeTriggers) {
        removeTriggers();
        removeTriggers = undefined;
      }
    };
    const without: number[] = [];
    const withTriggers: number[] = [];
    const total = options.rounds * options.perRound * 2;
    for (let step = -20; step < total; step++) {
      const on = step % 2 === 0;
      triggersOn(on);
      const id = options.ticketIds[(step + 20) % options.ticketIds.length] as number;
      const priority = Math.floor((step + 20) / options.ticketIds.length) % 2 === 0 ? 'p2' : 'p3';
      const start = performance.now();
      await updateTicket(ctx, systemActor, id, { priority });
      const ms = performance.now() - start;
      if (step >= 0) (on ? withTriggers : without).push(ms); // the first 20 warm up connections, plans and caches
    }
    triggersOn(true);
    const fired = await sql<{ n: number }>`select count(*)::int as n from ticket_events where type = 'automation.trigger_fired'`.execute(
      handle.db,
    );
    await sql`update automation_triggers set active = false`.execute(handle.db);
    const withoutMean = mean(without);
    const withMean = mean(withTriggers);
    return {
      updates: without.length + withTriggers.length,
      without_ms: withoutMean,
      with_ms: withMean,
      added_ms: median(withTriggers) - median(without),
      ratio: withMean / withoutMean,
      without_p50_ms: median(without),
      with_p50_ms: median(withTriggers),
      fired: fired.rows[0]?.n ?? 0,
      evaluate_us: evaluationMicros(options.triggers, options.now),
    };
  } finally {
    await jobs.stop();
    cache.close();
    await realtime.close();
  }
}
