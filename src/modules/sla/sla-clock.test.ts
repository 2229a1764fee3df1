import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './business-hours.ts';
import { type ClockState, computeClocks, type ReplayAttributes, type ReplayPolicy, type SlaEvent } from './sla-clock.ts';
import type { SlaTarget } from './sla-policy.ts';

const M = 60_000;
const H = 60 * M;
const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const t = (minutes: number) => T0 + minutes * M;
const officeHours = new BusinessCalendar({
  time_zone: 'UTC',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
  holidays: [],
  exceptions: [],
});

type Rules = Partial<Record<SlaTarget, number | { minutes: number; business: boolean }>>;

/** A policy per priority: `rules[priority]` gives each target's minutes (calendar time unless business). */
function policies(
  byPriority: Record<string, Rules>,
  options: { onReopen?: 'resume' | 'restart'; pause?: string[]; warnings?: number[] } = {},
): (a: ReplayAttributes) => ReplayPolicy | null {
  return (a) => {
    const rules = byPriority[a.priority] ?? byPriority['*'];
    if (!rules) return null;
    return {
      onReopen: options.onReopen ?? 'resume',
      rule(target) {
        const rule = rules[target];
        if (rule === undefined) return null;
        const { minutes, business } = typeof rule === 'number' ? { minutes: rule, business: false } : rule;
        return {
          policyId: a.priority === 'p1' ? 1 : 2,
          minutes,
          businessHours: business,
          calendar: officeHours,
          pauseStatuses: new Set(options.pause ?? ['pending', 'on_hold']),
          warningThresholds: options.warnings ?? [],
        };
      },
    };
  };
}

const created = (status = 'new', priority = 'p3'): SlaEvent => ({
  type: 'ticket.created',
  field: null,
  before: null,
  after: { status, priority, channel: 'email', category_id: null },
  at: T0,
});
const customerMessage = (minutes: number): SlaEvent => ({
  type: 'comment.added',
  field: null,
  before: null,
  after: { public: true, author: 'customer' },
  at: t(minutes),
});
const agentReply = (minutes: number): SlaEvent => ({
  type: 'comment.added',
  field: null,
  before: null,
  after: { public: true, author: 'agent' },
  at: t(minutes),
});
const internalNote = (minutes: number): SlaEvent => ({
  type: 'comment.added',
  field: null,
  before: null,
  after: { public: false, author: 'agent' },
  at: t(minutes),
});
const change = (field: string, before: unknown, after: unknown, minutes: number): SlaEvent => ({
  type: 'ticket.field_changed',
  field,
  before,
  after,
  at: t(minutes),
});

function clocks(
  events: SlaEvent[],
  nowMinutes: number,
  policyFor = policies({ '*': { first_response: 60, next_reply: 120, resolution: 480 } }),
  current?: Partial<ReplayAttributes & { status: string }>,
) {
  const result = computeClocks({
    createdAt: T0,
    current: { status: 'open', priority: 'p3', channel: 'email', category_id: null, ...current },
    events,
    policyFor,
    now: t(nowMinutes),
  });
  return Object.fromEntries(result.map((c) => [c.target, c])) as Partial<Record<SlaTarget, ClockState>>;
}
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const isoAt = (minutes: number) => new Date(t(minutes)).toISOString();

describe('first response', () => {
  const start = [created(), customerMessage(0)];

  it('runs from creation and is met by the first public agent reply, not by an internal note', () => {
    const running = clocks([...start, internalNote(10)], 20).first_response;
    expect(running).toMatchObject({ status: 'running', remaining_ms: 40 * M, elapsed_ms: 20 * M });
    expect(iso(running?.due_at)).toBe(isoAt(60));
    const met = clocks([...start, internalNote(10), agentReply(45)], 90).first_response;
    expect(met).toMatchObject({ status: 'met', elapsed_ms: 45 * M, breached_at: null, due_at: null });
    expect(iso(met?.met_at)).toBe(isoAt(45));
  });

  it('breaches at the first instant after the deadline, and a reply at the deadline itself is in time', () => {
    expect(clocks(start, 60).first_response?.status).toBe('running');
    const late = computeClocks({
      createdAt: T0,
      current: { status: 'open', priority: 'p3', channel: 'email', category_id: null },
      events: start,
      policyFor: policies({ '*': { first_response: 60 } }),
      now: t(60) + 1,
    });
    expect(late[0]).toMatchObject({ target: 'first_response', status: 'breached', remaining_ms: -1 });
    expect(iso(late[0]?.breached_at)).toBe(isoAt(60));
    expect(clocks([...start, agentReply(60)], 61).first_response?.status).toBe('met');
    const metLate = clocks([...start, agentReply(75)], 80).first_response;
    expect(metLate).toMatchObject({ status: 'met_late', remaining_ms: -15 * M });
    expect(iso(metLate?.breached_at)).toBe(isoAt(60));
  });

  it('does not pause while pending, and stops when solved without a reply', () => {
    const pending = clocks([...start, change('status', 'new', 'pending', 10)], 30).first_response;
    expect(pending).toMatchObject({ status: 'running', elapsed_ms: 30 * M });
    const solved = clocks([...start, change('status', 'new', 'solved', 30)], 120).first_response;
    expect(solved).toMatchObject({ status: 'cancelled', elapsed_ms: 30 * M });
    expect(iso(solved?.stopped_at)).toBe(isoAt(30));
    expect(clocks([...start, change('status', 'new', 'solved', 90)], 120).first_response?.status).toBe('breached');
  });
});

describe('resolution: pause and resume', () => {
  const start = [created(), customerMessage(0), agentReply(30)];

  it('pauses while pending or on hold and moves its deadline by the time paused', () => {
    const events = [...start, change('status', 'open', 'pending', 60), change('status', 'pending', 'open', 60 + 600)];
    const whilePaused = clocks(events.slice(0, 4), 300).resolution;
    expect(whilePaused).toMatchObject({ status: 'paused', due_at: null, elapsed_ms: 60 * M, remaining_ms: 420 * M, paused_ms: 240 * M });
    const resumed = clocks(events, 700).resolution;
    expect(resumed).toMatchObject({ status: 'running', elapsed_ms: 100 * M, paused_ms: 600 * M });
    expect(iso(resumed?.due_at)).toBe(isoAt(480 + 600));
    const onHold = clocks([...start, change('status', 'open', 'on_hold', 60)], 2000).resolution;
    expect(onHold).toMatchObject({ status: 'paused', remaining_ms: 420 * M });
  });

  it('is met when solved, late if solved after the deadline', () => {
    expect(clocks([...start, change('status', 'open', 'solved', 400)], 1000).resolution).toMatchObject({
      status: 'met',
      elapsed_ms: 400 * M,
    });
    const late = clocks([...start, change('status', 'open', 'solved', 500)], 1000).resolution;
    expect(late?.status).toBe('met_late');
    expect(iso(late?.breached_at)).toBe(isoAt(480));
  });

  it('resumes after a reopen by default, not counting the time spent solved', () => {
    const events = [...start, change('status', 'open', 'solved', 100), customerMessage(1000), change('status', 'solved', 'open', 1000)];
    const resumed = clocks(events, 1100).resolution;
    expect(resumed).toMatchObject({ status: 'running', cycle: 1, elapsed_ms: 200 * M, paused_ms: 900 * M, met_at: null });
    expect(iso(resumed?.due_at)).toBe(isoAt(1000 + 380));
  });

  it('restarts with a full target after a reopen when the policy says so', () => {
    const events = [...start, change('status', 'open', 'solved', 100), customerMessage(1000), change('status', 'solved', 'open', 1000)];
    const restarted = clocks(events, 1100, policies({ '*': { resolution: 480 } }, { onReopen: 'restart' })).resolution;
    expect(restarted).toMatchObject({ status: 'running', cycle: 2, elapsed_ms: 100 * M, cycles_met: 1 });
    expect(iso(restarted?.due_at)).toBe(isoAt(1000 + 480));
  });

  it('breaches while paused only if the deadline had already passed', () => {
    const events = [...start, change('status', 'open', 'pending', 470)];
    expect(clocks(events, 5000).resolution?.status).toBe('paused');
    const late = clocks([...start, change('status', 'open', 'pending', 490)], 5000).resolution;
    expect(late).toMatchObject({ status: 'breached', due_at: null });
    expect(iso(late?.breached_at)).toBe(isoAt(480));
  });

  it('counts business hours only, across the weekend', () => {
    // Created Monday 10:00 with 16 business hours. Pending Monday 12:00 → Tuesday 12:00 (24 h, of which 8 business):
    // 2 h counted before, 14 h left from Tuesday 12:00 → 5 h Tuesday, 8 h Wednesday, 1 h Thursday.
    const policy = policies({ '*': { resolution: { minutes: 16 * 60, business: true } } });
    const events = [...start, change('status', 'open', 'pending', 120), change('status', 'pending', 'open', 120 + 24 * 60)];
    const clock = clocks(events, 2 * 24 * 60, policy).resolution;
    expect(iso(clock?.due_at)).toBe('2026-03-05T10:00:00.000Z');
    // As of Wednesday 10:00: 2 h Monday, 5 h Tuesday, 1 h Wednesday.
    expect(clock).toMatchObject({ status: 'running', paused_ms: 24 * H, elapsed_ms: 8 * H });
  });

  it('cancels every clock of a ticket merged into another', () => {
    const merged = clocks(
      [
        ...start,
        { type: 'ticket.merged', field: null, before: null, after: { into: 2 }, at: t(50) },
        change('status', 'open', 'closed', 50),
      ],
      100,
    );
    expect(merged.resolution?.status).toBe('cancelled');
  });
});

describe('next reply and periodic updates', () => {
  const policy = policies({
    p1: { first_response: 60, next_reply: 60, periodic_update: 60, resolution: 240 },
    '*': { first_response: 60, next_reply: 120, resolution: 480 },
  });

  it('starts a next-reply clock at each customer message after an agent has replied, met by the next public agent reply', () => {
    expect(clocks([created(), customerMessage(0), customerMessage(5)], 10, policy).next_reply).toBeUndefined();
    const events = [created(), customerMessage(0), agentReply(10), customerMessage(20), customerMessage(25)];
    const first = clocks(events, 30, policy).next_reply;
    expect(first).toMatchObject({ status: 'running', cycle: 1, elapsed_ms: 10 * M });
    expect(iso(first?.due_at)).toBe(isoAt(140));
    const answered = clocks([...events, agentReply(100), customerMessage(200), agentReply(400)], 500, policy).next_reply;
    expect(answered).toMatchObject({ status: 'met_late', cycle: 2, cycles_met: 1, cycles_breached: 1 });
  });

  it('pauses the next reply while waiting on the customer and resumes when they write', () => {
    const events = [
      created(),
      customerMessage(0),
      agentReply(10),
      customerMessage(20),
      change('status', 'open', 'pending', 30),
      change('status', 'pending', 'open', 90),
    ];
    const clock = clocks(events, 100, policy).next_reply;
    expect(clock).toMatchObject({ status: 'running', elapsed_ms: 20 * M, paused_ms: 60 * M });
  });

  it('owes a P1 customer an update every hour while the ticket is open', () => {
    const p1 = [created('new', 'p1'), customerMessage(0), agentReply(20)];
    const first = clocks(p1, 30, policy, { priority: 'p1' }).periodic_update;
    expect(first).toMatchObject({ status: 'running', cycle: 1 });
    expect(iso(first?.due_at)).toBe(isoAt(80));
    const later = clocks([...p1, agentReply(70), agentReply(150)], 160, policy, { priority: 'p1' }).periodic_update;
    expect(later).toMatchObject({ status: 'running', cycle: 3, cycles_met: 1, cycles_breached: 1 });
    const solved = clocks([...p1, change('status', 'open', 'solved', 40)], 200, policy, { priority: 'p1' }).periodic_update;
    expect(solved).toMatchObject({ status: 'cancelled' });
  });

  it('re-targets open clocks when the priority rises, but does not re-judge met ones', () => {
    const events = [created(), customerMessage(0), agentReply(30), change('priority', 'p3', 'p1', 200)];
    const now = clocks(events, 210, policy, { priority: 'p1' });
    expect(now.first_response).toMatchObject({ status: 'met', policy_id: 2, target_minutes: 60 });
    // Resolution is open: the P1 policy's 4 hours apply from creation.
    expect(now.resolution).toMatchObject({ status: 'running', policy_id: 1, target_minutes: 240 });
    expect(iso(now.resolution?.due_at)).toBe(isoAt(240));
    // The periodic update started at the agent's reply at 30 min; under P1 it was due at 90.
    expect(now.periodic_update).toMatchObject({ status: 'breached' });
    expect(iso(now.periodic_update?.breached_at)).toBe(isoAt(90));
  });

  it('has no clocks when no policy applies', () => {
    expect(clocks([created(), customerMessage(0)], 10, policies({ p1: { first_response: 60 } }))).toEqual({});
  });
});

describe('warnings', () => {
  it('places each threshold on the business-time line and moves them with a pause', () => {
    const policy = policies({ '*': { resolution: { minutes: 8 * 60, business: true } } }, { warnings: [50, 75] });
    // Created Monday 10:00, 8 business hours: due Tuesday 10:00; 50 % at Monday 14:00, 75 % at Monday 16:00.
    const events = [created(), customerMessage(0)];
    const clock = clocks(events, 60, policy).resolution;
    expect(clock?.warning_ats.map(iso)).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-02T16:00:00.000Z']);
    expect(iso(clock?.warning_at)).toBe('2026-03-02T14:00:00.000Z');
    expect(iso(clocks(events, 5 * 60, policy).resolution?.warning_at)).toBe('2026-03-02T16:00:00.000Z');
    // Pending from 11:00 to 15:00: everything moves by the 4 business hours paused (1 h counted, 2 h left on Monday).
    const paused = clocks(
      [...events, change('status', 'new', 'pending', 60), change('status', 'pending', 'open', 300)],
      310,
      policy,
    ).resolution;
    expect(paused?.warning_ats.map(iso)).toEqual(['2026-03-03T10:00:00.000Z', '2026-03-03T12:00:00.000Z']);
    expect(iso(paused?.due_at)).toBe('2026-03-03T14:00:00.000Z');
    expect(clocks([...events, change('status', 'new', 'pending', 60)], 310, policy).resolution?.warning_ats).toEqual([]);
  });
});
