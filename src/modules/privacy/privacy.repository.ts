import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** What replaces erased text. */
export const ERASED = '[erased]';

/** Ticket fields whose history the figures need (status, routing, taxonomy); every other field's history is dropped. */
const metricFields = ['status', 'priority', 'type', 'channel', 'assignee_id', 'group_id', 'tier', 'category_id', 'resolution_code', 'tags'];
/** Keys of event payloads that hold ids and figures only. */
const metricKeys = [
  ...metricFields,
  'public',
  'author',
  'into',
  'from',
  'ticket_id',
  'kind',
  'comments_moved',
  'follow_up_of_id',
  'merged_into_id',
];

/** The customer and every customer record merged into it. */
export async function customerIds(db: Db, customerId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', customerId), eb('merged_into_id', '=', customerId)]))
    .execute();
  return rows.map((r) => r.id);
}

export async function ticketIdsOf(db: Db, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('tickets').select('id').where('requester_id', 'in', ids).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Every string that identifies the person: names, identities, portal accounts, chat visitors, senders, callers. */
export async function needlesOf(db: Db, ids: number[], ticketIds: number[]): Promise<string[]> {
  const found = new Set<string>();
  const add = (value: string | null | undefined) => {
    const v = value?.trim();
    if (v && v.length >= 4 && v !== ERASED) found.add(v);
  };
  for (const c of await db.selectFrom('customers').select('name').where('id', 'in', ids).execute()) add(c.name);
  for (const i of await db.selectFrom('customer_identities').select('value').where('customer_id', 'in', ids).execute()) add(i.value);
  for (const u of await db.selectFrom('users').select(['name', 'email']).where('customer_id', 'in', ids).execute()) {
    add(u.name);
    add(u.email);
  }
  for (const c of await db.selectFrom('calls').select('from_number').where('customer_id', 'in', ids).execute()) add(c.from_number);
  if (ticketIds.length) {
    const chats = await db
      .selectFrom('chat_conversations')
      .select(['visitor_name', 'visitor_email'])
      .where('ticket_id', 'in', ticketIds)
      .execute();
    for (const c of chats) {
      add(c.visitor_name);
      add(c.visitor_email);
    }
    for (const e of await db.selectFrom('inbound_emails').select('mail_from').where('ticket_id', 'in', ticketIds).execute())
      add(e.mail_from);
  }
  return [...found];
}

/**
 * Removes the content of tickets — messages, raw emails, channel copies, chat transcripts, call
 * transcripts and recordings, survey comments, attachments, the subject and custom field values, and
 * the history of any other field — keeping the rows and the fields the figures are computed from.
 * `remove` deletes content rows where nothing else refers to them instead of overwriting their text.
 * Answers the storage keys of the attachments to delete from disk after commit.
 */
export async function scrubTickets(db: Db, ticketIds: number[], remove: boolean): Promise<string[]> {
  if (!ticketIds.length) return [];
  const ids = sql.join(ticketIds.map((id) => sql`${id}::bigint`));
  await sql`update tickets set subject = ${ERASED}, custom_fields = '{}'::jsonb where id in (${ids})`.execute(db);
  await sql`update ticket_comments set body = ${ERASED}, metadata = '{}'::jsonb where ticket_id in (${ids})`.execute(db);
  // Event payloads: objects keep their id and figure keys, scalars only for the fields the figures need.
  const keys = sql.join(metricKeys.map((k) => sql`${k}`));
  const fields = sql.join(metricFields.map((k) => sql`${k}`));
  for (const column of ['before', 'after'] as const) {
    const c = sql.ref(column);
    await sql`update ticket_events set ${c} = case
        when jsonb_typeof(${c}) = 'object' then coalesce((select jsonb_object_agg(key, value) from jsonb_each(${c}) where key in (${keys})), '{}'::jsonb)
        when field in (${fields}) then ${c}
        else null end
      where ticket_id in (${ids}) and ${c} is not null`.execute(db);
  }
  if (remove) {
    await sql`delete from channel_messages where ticket_id in (${ids})`.execute(db);
    await sql`delete from inbound_emails where ticket_id in (${ids})`.execute(db);
  } else {
    await sql`update channel_messages set full_text = ${ERASED}, html = null, external_id = null, metadata = '{}'::jsonb where ticket_id in (${ids})`.execute(
      db,
    );
    await sql`update inbound_emails set raw = ''::bytea, size_bytes = 0, mail_from = null, rcpt_to = '{}', subject = null, error = null, message_id = null
      where ticket_id in (${ids})`.execute(db);
  }
  await sql`update email_outbound set recipients = '{}', last_error = null where ticket_id in (${ids})`.execute(db);
  await sql`update calls set from_number = ${ERASED}, to_number = ${ERASED}, transcript = null, recording_url = null, events = '[]'::jsonb, outcome = null
    where ticket_id in (${ids})`.execute(db);
  await sql`update chat_messages set body = ${ERASED}, attachment_id = null, client_id = null
    where conversation_id in (select id from chat_conversations where ticket_id in (${ids}))`.execute(db);
  await sql`update chat_conversations set visitor_name = null, visitor_email = null, topic = null, wrap_up = null where ticket_id in (${ids})`.execute(
    db,
  );
  await sql`update surveys set recipient = null where ticket_id in (${ids})`.execute(db);
  await sql`update survey_answers set comment = '' where ticket_id in (${ids})`.execute(db);
  await sql`update kb_help_sessions set last_query = '' where ticket_id in (${ids})`.execute(db);
  const attachments = await sql<{ storage_key: string }>`delete from attachments where ticket_id in (${ids})
    or comment_id in (select id from ticket_comments where ticket_id in (${ids})) returning storage_key`.execute(db);
  return attachments.rows.map((r) => r.storage_key);
}

/** Erases the person's own records: the customer row, identities, portal accounts, followers, calls, feedback. */
export async function scrubCustomer(db: Db, ids: number[], pseudonym: string): Promise<string[]> {
  const list = sql.join(ids.map((id) => sql`${id}::bigint`));
  await sql`update customers set name = ${ERASED}, notes = '', time_zone = null where id in (${list})`.execute(db);
  await sql`delete from customer_identities where customer_id in (${list})`.execute(db);
  await sql`delete from ticket_followers where customer_id in (${list})`.execute(db);
  await sql`update customer_revenue set reference = null where customer_id in (${list})`.execute(db);
  await sql`update calls set from_number = ${ERASED}, to_number = ${ERASED}, transcript = null, recording_url = null, events = '[]'::jsonb
    where customer_id in (${list})`.execute(db);
  await sql`update survey_answers set comment = '' where customer_id in (${list})`.execute(db);
  await sql`update surveys set recipient = null where customer_id in (${list})`.execute(db);
  await sql`update kb_help_sessions set last_query = '', customer_id = null where customer_id in (${list})`.execute(db);
  const users = await db.selectFrom('users').select('id').where('customer_id', 'in', ids).execute();
  const storage: string[] = [];
  for (const [index, user] of users.entries()) {
    await sql`delete from sessions where user_id = ${user.id}`.execute(db);
    await sql`delete from api_tokens where user_id = ${user.id}`.execute(db);
    await sql`delete from sign_in_links where user_id = ${user.id}`.execute(db);
    await sql`update kb_feedback set comment = '' where user_id = ${user.id}`.execute(db);
    await sql`update users set name = ${ERASED}, email = ${`erased-${pseudonym.slice(0, 16)}-${index}@invalid`}, password_hash = null, active = false
      where id = ${user.id}`.execute(db);
    const uploads = await sql<{
      storage_key: string;
    }>`delete from attachments where uploaded_by_user_id = ${user.id} returning storage_key`.execute(db);
    storage.push(...uploads.rows.map((r) => r.storage_key));
  }
  return storage;
}

/** Raw stored emails (not only those threaded into a ticket) that contain a needle anywhere in their bytes. */
export async function scrubRawEmails(db: Db, needles: string[]): Promise<number> {
  let count = 0;
  for (const needle of needles) {
    for (const variant of new Set([needle, needle.toLowerCase()])) {
      const result =
        await sql`update inbound_emails set raw = ''::bytea, size_bytes = 0, mail_from = null, rcpt_to = '{}', subject = null, error = null, message_id = null
        where position(convert_to(${variant}, 'UTF8') in raw) > 0 or lower(mail_from) = lower(${needle})`.execute(db);
      count += Number(result.numAffectedRows ?? 0);
    }
  }
  return count;
}

/** Tables whose rows name other people by the same strings: handled by id above, never swept. */
const sweepExcluded = ['customers', 'customer_identities', 'users', 'organizations', 'kysely_migration', 'kysely_migration_lock'];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The safety net: every other text, JSON and text-array column of every table (including tables a
 * later module adds) has each needle replaced, case-insensitively. Answers the columns changed.
 */
export async function sweepNeedles(db: Db, needles: string[]): Promise<string[]> {
  if (!needles.length) return [];
  const pattern = `(${needles.map(escapeRegex).join('|')})`;
  const jsonNeedles = needles.filter((n) => !/["\\]/.test(n));
  const jsonPattern = jsonNeedles.length ? `(${jsonNeedles.map(escapeRegex).join('|')})` : null;
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; udt_name: string }>`
    select c.table_name, c.column_name, c.data_type, c.udt_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.is_generated = 'NEVER' and c.is_updatable = 'YES'
      and (c.data_type in ('text', 'character varying', 'jsonb', 'json') or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
    order by c.table_name, c.column_name`.execute(db);
  const changed: string[] = [];
  for (const col of columns.rows) {
    if (sweepExcluded.includes(col.table_name)) continue;
    const t = sql.table(col.table_name);
    const c = sql.ref(col.column_name);
    let result: { numAffectedRows?: bigint };
    if (col.data_type === 'jsonb' || col.data_type === 'json') {
      if (!jsonPattern) continue;
      result = await sql`update ${t} set ${c} = regexp_replace(${c}::text, ${jsonPattern}, ${ERASED}, 'gi')::${sql.raw(col.data_type)}
        where ${c}::text ~* ${jsonPattern}`.execute(db);
    } else if (col.data_type === 'ARRAY') {
      result = await sql`update ${t} set ${c} = array(select regexp_replace(x, ${pattern}, ${ERASED}, 'gi') from unnest(${c}) x)
        where array_to_string(${c}, ' ') ~* ${pattern}`.execute(db);
    } else {
      result = await sql`update ${t} set ${c} = regexp_replace(${c}, ${pattern}, ${ERASED}, 'gi') where ${c} ~* ${pattern}`.execute(db);
    }
    if (Number(result.numAffectedRows ?? 0) > 0) changed.push(`${col.table_name}.${col.column_name}`);
  }
  return changed;
}
