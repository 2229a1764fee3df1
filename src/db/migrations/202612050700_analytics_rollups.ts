import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/**
 * Hourly rollups of the metric facts, maintained by triggers in the same transaction as the fact:
 * tickets opened (volume, top issue types), calls (ASA, service level 80/20, abandonment, voice AHT)
 * and survey answers (CSAT, NPS, CES). One row per source, UTC hour and dimensions; every change of a
 * fact subtracts its old contribution and adds its new one, so a cell is always the exact count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table analytics_rollups (
    source text not null check (source in ('ticket', 'call', 'csat', 'nps', 'ces')),
    grain text not null check (grain in ('total', 'channel', 'group', 'agent', 'category', 'organization', 'all')),
    hour timestamptz not null,
    channel text,
    group_id bigint,
    agent_id bigint,
    category_id bigint,
    organization_id bigint,
    n bigint not null default 0,
    offered bigint not null default 0,
    answered bigint not null default 0,
    abandoned bigint not null default 0,
    answered_in_sl bigint not null default 0,
    abandoned_in_sl bigint not null default 0,
    handled bigint not null default 0,
    handle_s float8 not null default 0,
    wait_s float8 not null default 0,
    satisfied bigint not null default 0,
    promoters bigint not null default 0,
    detractors bigint not null default 0,
    score_total float8 not null default 0
  )`.execute(db);
  await sql`create unique index analytics_rollups_cell on analytics_rollups
    (source, grain, hour, channel, group_id, agent_id, category_id, organization_id) nulls not distinct`.execute(db);

  // Adds (sign +1) or subtracts (-1) one fact's contribution to its cell of one grain.
  await sql`create function analytics_rollup_put(p_grain text,
    p_source text, p_at timestamptz, p_channel text, p_group bigint, p_agent bigint, p_category bigint, p_org bigint, p_sign int,
    p_offered int, p_answered int, p_abandoned int, p_answered_in_sl int, p_abandoned_in_sl int, p_handled int,
    p_handle_s float8, p_wait_s float8, p_satisfied int, p_promoters int, p_detractors int, p_score float8
  ) returns void language plpgsql as $$
  begin
    insert into analytics_rollups as r (source, grain, hour, channel, group_id, agent_id, category_id, organization_id, n, offered, answered,
      abandoned, answered_in_sl, abandoned_in_sl, handled, handle_s, wait_s, satisfied, promoters, detractors, score_total)
    values (p_source, p_grain, date_trunc('hour', p_at at time zone 'UTC') at time zone 'UTC', p_channel, p_group, p_agent, p_category, p_org,
      p_sign, p_sign * p_offered, p_sign * p_answered, p_sign * p_abandoned, p_sign * p_answered_in_sl, p_sign * p_abandoned_in_sl,
      p_sign * p_handled, p_sign * p_handle_s, p_sign * p_wait_s, p_sign * p_satisfied, p_sign * p_promoters, p_sign * p_detractors,
      p_sign * p_score)
    on conflict (source, grain, hour, channel, group_id, agent_id, category_id, organization_id) do update set
      n = r.n + excluded.n, offered = r.offered + excluded.offered, answered = r.answered + excluded.answered,
      abandoned = r.abandoned + excluded.abandoned, answered_in_sl = r.answered_in_sl + excluded.answered_in_sl,
      abandoned_in_sl = r.abandoned_in_sl + excluded.abandoned_in_sl, handled = r.handled + excluded.handled,
      handle_s = r.handle_s + excluded.handle_s, wait_s = r.wait_s + excluded.wait_s, satisfied = r.satisfied + excluded.satisfied,
      promoters = r.promoters + excluded.promoters, detractors = r.detractors + excluded.detractors,
      score_total = r.score_total + excluded.score_total;
  end $$`.execute(db);

  // One fact goes to every grain: the hour alone, the hour and one dimension, and the hour and all of them.
  await sql`create function analytics_rollup_add(
    p_source text, p_at timestamptz, p_channel text, p_group bigint, p_agent bigint, p_category bigint, p_org bigint, p_sign int,
    p_offered int, p_answered int, p_abandoned int, p_answered_in_sl int, p_abandoned_in_sl int, p_handled int,
    p_handle_s float8, p_wait_s float8, p_satisfied int, p_promoters int, p_detractors int, p_score float8
  ) returns void language plpgsql as $$
  begin
    perform analytics_rollup_put('total', p_source, p_at, null, null, null, null, null, p_sign, p_offered, p_answered, p_abandoned,
      p_answered_in_sl, p_abandoned_in_sl, p_handled, p_handle_s, p_wait_s, p_satisfied, p_promoters, p_detractors, p_score);
    perform analytics_rollup_put('channel', p_source, p_at, p_channel, null, null, null, null, p_sign, p_offered, p_answered, p_abandoned,
      p_answered_in_sl, p_abandoned_in_sl, p_handled, p_handle_s, p_wait_s, p_satisfied, p_promoters, p_detractors, p_score);
    perform analytics_rollup_put('group', p_source, p_at, null, p_group, null, null, null, p_sign, p_offered, p_answered, p_abandoned,
      p_answered_in_sl, p_abandoned_in_sl, p_handled, p_handle_s, p_wait_s, p_satisfied, p_promoters, p_detractors, p_score);
    perform analytics_rollup_put('agent', p_source, p_at, null, null, p_agent, null, null, p_sign, p_offered, p_answered, p_abandoned,
      p_answered_in_sl, p_abandoned_in_sl, p_handled, p_handle_s, p_wait_s, p_satisfied, p_promoters, p_detractors, p_score);
    perform analytics_rollup_put('category', p_source, p_at, null, null, null, p_category, null, p_sign, p_offered, p_answered,
      p_abandoned, p_answered_in_sl, p_abandoned_in_sl, p_handled, p_handle_s, p_wait_s, p_satisfied, p_promoters, p_detractors, p_score);
    if p_source = 'ticket' then
      perform analytics_rollup_put('organization', p_source, p_at, null, null, null, null, p_org, p_sign, p_offered, p_answered,
        p_abandoned, p_answered_in_sl, p_abandoned_in_sl, p_handled, p_handle_s, p_wait_s, p_satisfied, p_promoters, p_detractors, p_score);
    end if;
    perform analytics_rollup_put('all', p_source, p_at, p_channel, p_group, p_agent, p_category, p_org, p_sign, p_offered, p_answered,
      p_abandoned, p_answered_in_sl, p_abandoned_in_sl, p_handled, p_handle_s, p_wait_s, p_satisfied, p_promoters, p_detractors, p_score);
  end $$`.execute(db);

  // A call's contribution, with the group and category of its ticket as given (service level at 20 seconds).
  await sql`create function analytics_rollup_call(c calls, p_group bigint, p_category bigint, p_sign int) returns void
  language plpgsql as $$
  declare
    inbound boolean := c.direction = 'inbound';
    answered boolean := c.answered_at is not null;
    abandoned boolean := c.status = 'abandoned';
    handled boolean := c.answered_at is not null and c.ended_at is not null;
  begin
    perform analytics_rollup_add('call', c.ringing_at, 'voice', p_group, c.agent_id, p_category, null, p_sign,
      inbound::int, (inbound and answered)::int, (inbound and abandoned)::int,
      coalesce(inbound and answered and c.queue_wait_seconds <= 20, false)::int,
      coalesce(inbound and abandoned and c.queue_wait_seconds <= 20, false)::int, handled::int,
      case when handled then (coalesce(c.talk_seconds, 0) + coalesce(c.hold_seconds, 0) + coalesce(c.wrap_up_seconds, 0))::float8 else 0 end,
      case when inbound and answered then coalesce(c.queue_wait_seconds, 0)::float8 else 0 end,
      0, 0, 0, 0);
  end $$`.execute(db);

  // One ticket's contribution to one grain.
  await sql`create function analytics_rollup_ticket_put(p_grain text, t tickets, p_sign int) returns void language plpgsql as $$
  begin
    perform analytics_rollup_put(p_grain, 'ticket', t.created_at,
      case when p_grain in ('channel', 'all') then t.channel end, case when p_grain in ('group', 'all') then t.group_id end,
      case when p_grain in ('agent', 'all') then t.assignee_id end, case when p_grain in ('category', 'all') then t.category_id end,
      case when p_grain in ('organization', 'all') then t.organization_id end, p_sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  end $$`.execute(db);

  await sql`create function analytics_rollup_ticket_trg() returns trigger language plpgsql as $$
  declare k calls; moved boolean := false;
  begin
    if tg_op = 'UPDATE' and old.merged_into_id is null and new.merged_into_id is null and old.created_at = new.created_at then
      -- A reassignment or recategorisation: only the grains whose dimension changed move (the hour's total does not).
      if old.channel is distinct from new.channel then
        perform analytics_rollup_ticket_put('channel', old, -1); perform analytics_rollup_ticket_put('channel', new, 1); moved := true;
      end if;
      if old.group_id is distinct from new.group_id then
        perform analytics_rollup_ticket_put('group', old, -1); perform analytics_rollup_ticket_put('group', new, 1); moved := true;
      end if;
      if old.assignee_id is distinct from new.assignee_id then
        perform analytics_rollup_ticket_put('agent', old, -1); perform analytics_rollup_ticket_put('agent', new, 1); moved := true;
      end if;
      if old.category_id is distinct from new.category_id then
        perform analytics_rollup_ticket_put('category', old, -1); perform analytics_rollup_ticket_put('category', new, 1); moved := true;
      end if;
      if old.organization_id is distinct from new.organization_id then
        perform analytics_rollup_ticket_put('organization', old, -1); perform analytics_rollup_ticket_put('organization', new, 1);
        moved := true;
      end if;
      if moved then
        perform analytics_rollup_ticket_put('all', old, -1); perform analytics_rollup_ticket_put('all', new, 1);
      end if;
    else
      if tg_op in ('UPDATE', 'DELETE') and old.merged_into_id is null then
        perform analytics_rollup_add('ticket', old.created_at, old.channel, old.group_id, old.assignee_id, old.category_id,
          old.organization_id, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.merged_into_id is null then
        perform analytics_rollup_add('ticket', new.created_at, new.channel, new.group_id, new.assignee_id, new.category_id,
          new.organization_id, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      end if;
    end if;
    -- Calls count in the group and category of their ticket: move them when those change.
    if tg_op = 'UPDATE' and (old.group_id is distinct from new.group_id or old.category_id is distinct from new.category_id) then
      for k in select * from calls where ticket_id = new.id loop
        perform analytics_rollup_call(k, old.group_id, old.category_id, -1);
        perform analytics_rollup_call(k, new.group_id, new.category_id, 1);
      end loop;
    end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger analytics_rollup_ticket after insert or delete or update of created_at, channel, group_id, assignee_id,
    category_id, organization_id, merged_into_id on tickets for each row execute function analytics_rollup_ticket_trg()`.execute(db);

  // A deleted ticket's calls keep no group or category (their ticket_id is set null after this trigger).
  await sql`create function analytics_rollup_ticket_delete_trg() returns trigger language plpgsql as $$
  declare k calls;
  begin
    for k in select * from calls where ticket_id = old.id loop
      perform analytics_rollup_call(k, old.group_id, old.category_id, -1);
      perform analytics_rollup_call(k, null, null, 1);
    end loop;
    return old;
  end $$`.execute(db);
  await sql`create trigger analytics_rollup_ticket_delete before delete on tickets
    for each row execute function analytics_rollup_ticket_delete_trg()`.execute(db);

  await sql`create function analytics_rollup_call_trg() returns trigger language plpgsql as $$
  declare g bigint; cat bigint;
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      select t.group_id, t.category_id into g, cat from tickets t where t.id = old.ticket_id;
      perform analytics_rollup_call(old, g, cat, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      g := null; cat := null;
      select t.group_id, t.category_id into g, cat from tickets t where t.id = new.ticket_id;
      perform analytics_rollup_call(new, g, cat, 1);
    end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger analytics_rollup_call after insert or delete or update on calls
    for each row execute function analytics_rollup_call_trg()`.execute(db);

  await sql`create function analytics_rollup_answer_trg() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      perform analytics_rollup_add(old.kind, old.answered_at, old.channel, old.group_id, old.agent_id, old.category_id, null, -1,
        0, 0, 0, 0, 0, 0, 0, 0, (old.score >= 4)::int, (old.score >= 9)::int, (old.score <= 6)::int, old.score::float8);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      perform analytics_rollup_add(new.kind, new.answered_at, new.channel, new.group_id, new.agent_id, new.category_id, null, 1,
        0, 0, 0, 0, 0, 0, 0, 0, (new.score >= 4)::int, (new.score >= 9)::int, (new.score <= 6)::int, new.score::float8);
    end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger analytics_rollup_answer after insert or delete or update of kind, score, answered_at, channel, group_id,
    agent_id, category_id on survey_answers for each row execute function analytics_rollup_answer_trg()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists analytics_rollup_answer on survey_answers`.execute(db);
  await sql`drop trigger if exists analytics_rollup_call on calls`.execute(db);
  await sql`drop trigger if exists analytics_rollup_ticket on tickets`.execute(db);
  await sql`drop trigger if exists analytics_rollup_ticket_delete on tickets`.execute(db);
  await sql`drop function if exists analytics_rollup_ticket_delete_trg()`.execute(db);
  await sql`drop function if exists analytics_rollup_answer_trg()`.execute(db);
  await sql`drop function if exists analytics_rollup_call_trg()`.execute(db);
  await sql`drop function if exists analytics_rollup_ticket_trg()`.execute(db);
  await sql`drop function if exists analytics_rollup_ticket_put(text, tickets, int)`.execute(db);
  await sql`drop function if exists analytics_rollup_call(calls, bigint, bigint, int)`.execute(db);
  await sql`drop function if exists analytics_rollup_add(text, timestamptz, text, bigint, bigint, bigint, bigint, int, int, int, int, int,
    int, int, float8, float8, int, int, int, float8)`.execute(db);
  await sql`drop function if exists analytics_rollup_put(text, text, timestamptz, text, bigint, bigint, bigint, bigint, int, int, int,
    int, int, int, int, float8, float8, int, int, int, float8)`.execute(db);
  await sql`drop table if exists analytics_rollups`.execute(db);
}
