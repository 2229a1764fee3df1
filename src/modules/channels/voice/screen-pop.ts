import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { iso } from '../../../platform/schemas.ts';
import { normaliseIdentity } from '../../customers/index.ts';
import type { ScreenPop } from './voice.schemas.ts';

type Db = Kysely<Database>;

// Higher is more valuable; tiers this list does not know rank lowest.
const tierOrder = ['standard', 'silver', 'gold', 'platinum'];
const rank = (tier: string | null | undefined) => (tier ? tierOrder.indexOf(tier) : -1);

/** A phone number in E.164 when it parses as one, else as given (withheld numbers, SIP URIs). */
export function canonicalPhone(raw: string): string {
  try {
    return normaliseIdentity('phone', raw);
  } catch {
    return raw.trim();
  }
}

interface PopRow {
  id: number;
  name: string;
  value_tier: string;
  lifetime_value_cents: number;
  language: string;
  time_zone: string | null;
  org_id: number | null;
  org_name: string | null;
  org_tier: string | null;
  tickets: { id: number; subject: string; status: string; priority: string; channel: string; updated_at: string }[] | null;
  calls: { id: number; status: string; outcome: string | null; ringing_at: string; talk_seconds: number | null }[] | null;
}

/** One round trip: the customer by phone identity (through a merge), with their recent tickets and calls. */
async function popRow(db: Db, phone: string): Promise<PopRow | undefined> {
  const result = await sql<PopRow>`
    with owner as (
      select coalesce(c.merged_into_id, c.id) as id
      from customer_identities i join customers c on c.id = i.customer_id
      where i.kind = 'phone' and i.value = ${phone}
    )
    select c.id, c.name, c.value_tier, c.lifetime_value_cents, c.language, c.time_zone,
      o.id as org_id, o.name as org_name, o.value_tier as org_tier,
      (select json_agg(t) from (
        select id, subject, status, priority, channel, updated_at from tickets
        where requester_id = c.id and merged_into_id is null order by updated_at desc limit 25) t) as tickets,
      (select json_agg(k) from (
        select id, status, outcome, ringing_at, talk_seconds from calls
        where customer_id = c.id order by ringing_at desc limit 5) k) as calls
    from owner join customers c on c.id = owner.id
    left join organizations o on o.id = c.organization_id
    limit 1`.execute(db);
  return result.rows[0];
}

/**
 * The caller's context for an agent's screen as the phone rings: customer, organization, value
 * tier, open tickets and the last contacts on any channel, in one indexed query.
 */
export async function screenPopForPhone(db: Db, rawPhone: string): Promise<ScreenPop> {
  const phone = canonicalPhone(rawPhone);
  const customer = await popRow(db, phone);
  if (!customer) return { phone, customer: null, organization: null, value_tier: null, open_tickets: [], last_contacts: [] };
  const tickets = customer.tickets ?? [];
  const calls = customer.calls ?? [];
  const open = tickets.filter((t) => t.status !== 'solved' && t.status !== 'closed').slice(0, 5);
  const contacts = [
    ...tickets.slice(0, 5).map((t) => ({
      kind: 'ticket' as const,
      id: Number(t.id),
      channel: t.channel,
      summary: `#${t.id} ${t.subject} (${t.status})`,
      at: iso(t.updated_at) as string,
    })),
    ...calls.map((c) => ({
      kind: 'call' as const,
      id: Number(c.id),
      channel: 'voice',
      summary: `call ${c.outcome ?? c.status}${c.talk_seconds ? `, ${Math.round(c.talk_seconds / 60)} min` : ''}`,
      at: iso(c.ringing_at) as string,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 5);
  const tier = rank(customer.org_tier) > rank(customer.value_tier) ? customer.org_tier : customer.value_tier;
  return {
    phone,
    customer: {
      id: customer.id,
      name: customer.name,
      value_tier: customer.value_tier,
      lifetime_value_cents: Number(customer.lifetime_value_cents),
      language: customer.language,
      time_zone: customer.time_zone,
    },
    organization: customer.org_id
      ? { id: customer.org_id, name: customer.org_name ?? '', value_tier: customer.org_tier ?? 'standard' }
      : null,
    value_tier: tier ?? null,
    open_tickets: open.map((t) => ({
      id: Number(t.id),
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      channel: t.channel,
      updated_at: iso(t.updated_at) as string,
    })),
    last_contacts: contacts,
  };
}
