import type { Context, UserActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createOrganization, getOrganization, listOrganizations } from '../customers/index.ts';
import { cachedCustomFieldDefinitions } from '../taxonomy/index.ts';
import {
  addComment,
  countTickets,
  createTicket,
  getTicketForActor,
  listComments,
  listEvents,
  listTickets,
  type TicketView,
  updateTicket,
} from '../tickets/index.ts';
import { getUser, listGroups, listUsers } from '../users/index.ts';
import { priorityFromZendesk, priorityToZendesk, statusFromZendesk, zendeskTime } from './zendesk.mapping.ts';
import {
  type FieldIds,
  presentZendeskComment,
  presentZendeskOrganization,
  presentZendeskTicket,
  presentZendeskUser,
  type UrlOf,
} from './zendesk.presenter.ts';
import type { ZendeskTicketCreate, ZendeskTicketUpdate } from './zendesk.schemas.ts';

/**
 * The Zendesk API v2 surface, translated onto Frontline's own services: nothing here stores or
 * checks anything the tickets, customers, users and taxonomy modules do not already do.
 */

export async function fieldIds(ctx: Context): Promise<FieldIds> {
  const defs = await cachedCustomFieldDefinitions(ctx);
  return { idOfKey: new Map(defs.map((d) => [d.key, d.id])), keyOfId: new Map(defs.map((d) => [d.id, d.key])) };
}

async function descriptionOf(ctx: Context, actor: UserActor, ticketId: number): Promise<string> {
  const first = await listComments(ctx, actor, ticketId, { limit: 1 });
  return first.data[0]?.body ?? '';
}

export async function showTicket(ctx: Context, actor: UserActor, id: number, url: UrlOf) {
  const ticket = await getTicketForActor(ctx, actor, id);
  return presentZendeskTicket(ticket, url, await fieldIds(ctx), await descriptionOf(ctx, actor, id));
}

export async function showManyTickets(ctx: Context, actor: UserActor, ids: number[], url: UrlOf) {
  const fields = await fieldIds(ctx);
  const out = [];
  for (const id of ids) {
    try {
      out.push(presentZendeskTicket(await getTicketForActor(ctx, actor, id), url, fields));
    } catch (error) {
      // show_many leaves out what does not exist, as Zendesk does.
      if (!(error instanceof AppError && error.status === 404)) throw error;
    }
  }
  return out;
}

const ORDER = 'order_by:id sort:asc';

/** Cursor pagination (`page[size]`, `page[after]`): Frontline's keyset cursors pass through unchanged. */
export async function ticketsByCursor(ctx: Context, actor: UserActor, q: string, size: number, after: string | undefined) {
  const page = await listTickets(ctx, actor, { q: `${q} ${ORDER}`.trim(), limit: size, cursor: after });
  return { tickets: page.data, next: page.next_cursor };
}

/** Offset pagination (`page`, `per_page`): walks the keyset pages up to the one asked for. */
export async function ticketsByOffset(ctx: Context, actor: UserActor, q: string, page: number, perPage: number) {
  const query = q.includes('order_by:') ? q : `${q} ${ORDER}`.trim();
  let cursor: string | undefined;
  let data: TicketView[] = [];
  for (let n = 1; n <= page; n++) {
    const result = await listTickets(ctx, actor, { q: query, limit: perPage, cursor });
    data = result.data;
    if (n < page) {
      if (!result.next_cursor) {
        data = [];
        break;
      }
      cursor = result.next_cursor;
    }
  }
  const count = await countTickets(ctx, actor, q);
  return { tickets: data, count };
}

export async function createZendeskTicket(ctx: Context, actor: UserActor, input: ZendeskTicketCreate, url: UrlOf) {
  const fields = await fieldIds(ctx);
  const requester =
    input.requester !== undefined
      ? { email: input.requester.email, name: input.requester.name }
      : input.requester_id !== undefined
        ? await requesterById(ctx, input.requester_id)
        : undefined;
  const body = input.comment?.body ?? input.comment?.html_body ?? input.description;
  if (!body) throw new AppError('validation_failed', 'comment: give the first message', [{ path: 'comment', message: 'cannot be blank' }]);
  const ticket = await createTicket(ctx, actor, {
    subject: input.subject ?? body.slice(0, 80),
    description: body,
    requester,
    priority: input.priority ? priorityFromZendesk(input.priority) : 'p3',
    type: input.type ?? 'question',
    status: input.status && input.status !== 'solved' && input.status !== 'closed' ? (statusFromZendesk(input.status) as 'new') : undefined,
    tags: input.tags ?? [],
    custom_fields: customFieldsFrom(fields, input.custom_fields),
    assignee_id: input.assignee_id ?? undefined,
    group_id: input.group_id ?? undefined,
    channel: 'api',
  });
  return presentZendeskTicket(ticket, url, fields, body);
}

async function requesterById(ctx: Context, id: number) {
  const user = await getUser(ctx, id).catch(() => null);
  if (!user)
    throw new AppError('validation_failed', `requester_id: user ${id} does not exist`, [{ path: 'requester_id', message: 'is invalid' }]);
  return { email: user.email, name: user.name };
}

function customFieldsFrom(fields: FieldIds, list: { id: number; value: unknown }[] | undefined) {
  const out: Record<string, string | number | boolean | null> = {};
  for (const item of list ?? []) {
    const key = fields.keyOfId.get(item.id);
    if (!key)
      throw new AppError('validation_failed', `custom_fields: field ${item.id} does not exist`, [
        { path: 'custom_fields', message: `unknown field ${item.id}` },
      ]);
    const v = item.value;
    out[key] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
  }
  return out;
}

export async function updateZendeskTicket(ctx: Context, actor: UserActor, id: number, input: ZendeskTicketUpdate, url: UrlOf) {
  const fields = await fieldIds(ctx);
  let current = await getTicketForActor(ctx, actor, id);
  if (input.safe_update) {
    const stamp = input.updated_stamp ? Date.parse(input.updated_stamp) : Number.NaN;
    // Zendesk stamps are to the second; a stamp older than the ticket's last change is stale.
    if (Number.isNaN(stamp) || Math.floor(Date.parse(current.updated_at) / 1000) !== Math.floor(stamp / 1000)) {
      throw new AppError(
        'version_conflict',
        'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
      );
    }
  }
  const status = input.status ? statusFromZendesk(input.status) : undefined;
  const changes = {
    subject: input.subject,
    priority: input.priority ? priorityFromZendesk(input.priority) : undefined,
    type: input.type ?? undefined,
    assignee_id: input.assignee_id,
    group_id: input.group_id,
    tags: input.tags,
    custom_fields: input.custom_fields ? customFieldsFrom(fields, input.custom_fields) : undefined,
    version: input.safe_update ? current.version : undefined,
  };
  const hasChanges = Object.values(changes).some((v) => v !== undefined && v !== changes.version);
  if (hasChanges) current = await updateTicket(ctx, actor, id, changes);
  const body = input.comment?.body ?? input.comment?.html_body;
  if (body) {
    await addComment(ctx, actor, id, { body, public: input.comment?.public ?? true, status, channel: 'api' });
  } else if (status && status !== current.status) {
    await updateTicket(ctx, actor, id, { status });
  }
  return presentZendeskTicket(await getTicketForActor(ctx, actor, id), url, fields);
}

export async function ticketComments(ctx: Context, actor: UserActor, id: number, url: UrlOf) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await listComments(ctx, actor, id, { limit: 100, cursor });
    out.push(...page.data.map((c) => presentZendeskComment(c, url)));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export async function me(ctx: Context, actor: UserActor, url: UrlOf) {
  return presentZendeskUser(await getUser(ctx, actor.userId), url);
}

export async function showUser(ctx: Context, id: number, url: UrlOf) {
  return presentZendeskUser(await getUser(ctx, id), url);
}

export async function showOrganization(ctx: Context, id: number, url: UrlOf) {
  return presentZendeskOrganization(await getOrganization(ctx, id), url);
}

export async function createZendeskOrganization(
  ctx: Context,
  actor: UserActor,
  input: { name: string; domain_names?: string[] | undefined; notes?: string | undefined },
  url: UrlOf,
) {
  const org = await createOrganization(ctx, actor, { name: input.name, domains: input.domain_names, notes: input.notes });
  return presentZendeskOrganization(org, url);
}

export async function ticketFields(ctx: Context, url: UrlOf) {
  const defs = await cachedCustomFieldDefinitions(ctx);
  return defs.map((d) => ({
    id: d.id,
    url: url(`/ticket_fields/${d.id}.json`),
    type: d.type,
    title: d.label,
    raw_title: d.label,
    key: d.key,
    required: d.required,
    active: d.active,
    position: d.position,
    custom_field_options: d.options.map((o) => ({ name: o, value: o })),
    created_at: d.created_at instanceof Date ? d.created_at.toISOString() : String(d.created_at),
    updated_at: d.updated_at instanceof Date ? d.updated_at.toISOString() : String(d.updated_at),
  }));
}

/** Walks Frontline keyset pages to the offset page asked for (Zendesk's `page` / `per_page`). */
async function offsetPage<T>(
  fetch: (limit: number, cursor: string | undefined) => Promise<{ data: T[]; next_cursor: string | null }>,
  page: number,
  perPage: number,
): Promise<{ data: T[]; more: boolean }> {
  let cursor: string | undefined;
  for (let n = 1; ; n++) {
    const result = await fetch(perPage, cursor);
    if (n === page) return { data: result.data, more: result.next_cursor !== null };
    if (!result.next_cursor) return { data: [], more: false };
    cursor = result.next_cursor;
  }
}

export async function listZendeskUsers(ctx: Context, page: number, perPage: number, url: UrlOf) {
  const result = await offsetPage((limit, cursor) => listUsers(ctx, { limit, cursor }), page, perPage);
  return { users: result.data.map((u) => presentZendeskUser(u, url)), more: result.more };
}

export async function listZendeskOrganizations(ctx: Context, page: number, perPage: number, url: UrlOf, q?: string) {
  const result = await offsetPage((limit, cursor) => listOrganizations(ctx, { limit, cursor, q }), page, perPage);
  return { organizations: result.data.map((o) => presentZendeskOrganization(o, url)), more: result.more };
}

export async function listZendeskGroups(ctx: Context, url: UrlOf) {
  const groups = await listGroups(ctx);
  return groups.map((g) => ({
    id: g.id,
    url: url(`/groups/${g.id}.json`),
    name: g.name,
    description: g.description,
    default: false,
    deleted: false,
    is_public: true,
    member_ids: g.member_ids,
    created_at: zendeskTime(g.created_at),
    updated_at: zendeskTime(g.updated_at),
  }));
}

export async function listGroupMemberships(ctx: Context, url: UrlOf) {
  const groups = await listGroups(ctx);
  return groups.flatMap((g) =>
    g.member_ids.map((userId) => ({
      // Frontline keeps memberships as (group, user) pairs; the id is derived so that it is stable.
      id: g.id * 1_000_000 + userId,
      url: url(`/group_memberships/${g.id * 1_000_000 + userId}.json`),
      user_id: userId,
      group_id: g.id,
      default: false,
      created_at: zendeskTime(g.created_at),
      updated_at: zendeskTime(g.updated_at),
    })),
  );
}

export async function ticketTags(ctx: Context, actor: UserActor, id: number) {
  return (await getTicketForActor(ctx, actor, id)).tags;
}

export async function changeTicketTags(ctx: Context, actor: UserActor, id: number, how: 'set' | 'add' | 'remove', tags: string[]) {
  const input = how === 'set' ? { tags } : how === 'add' ? { add_tags: tags } : { remove_tags: tags };
  return (await updateTicket(ctx, actor, id, input)).tags;
}

const zendeskEventValue = (field: string | null, value: unknown): unknown => {
  if (field === 'priority' && typeof value === 'string' && /^p[1-4]$/.test(value)) return priorityToZendesk(value as 'p1');
  if (field === 'status' && value === 'on_hold') return 'hold';
  return value;
};

/** A ticket's events as Zendesk audits: one audit per event, with its change or comment. */
export async function ticketAudits(ctx: Context, actor: UserActor, id: number) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await listEvents(ctx, actor, id, { limit: 100, cursor });
    for (const e of page.data) {
      const change =
        e.field !== null
          ? {
              id: e.id,
              type: e.type === 'ticket.created' ? 'Create' : 'Change',
              field_name: e.field,
              value: zendeskEventValue(e.field, e.after),
              previous_value: zendeskEventValue(e.field, e.before),
            }
          : {
              id: e.id,
              type: e.comment_id !== null ? 'Comment' : e.type === 'ticket.created' ? 'Create' : 'Notification',
              comment_id: e.comment_id,
              event_type: e.type,
            };
      out.push({
        id: e.id,
        ticket_id: id,
        author_id: e.actor?.id ?? -1,
        created_at: zendeskTime(e.created_at),
        via: { channel: e.channel ?? 'web', source: { from: {}, to: {}, rel: null } },
        metadata: {},
        events: [change],
      });
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * Incremental ticket export: tickets changed at or after `startTime`, oldest change first. Cursor
 * mode passes Frontline's keyset cursor through; Frontline's search takes whole days, so the rows of
 * the first day before `startTime` are dropped here.
 */
export async function incrementalTickets(ctx: Context, actor: UserActor, startTime: number, cursor: string | undefined, perPage: number) {
  const day = new Date(startTime * 1000).toISOString().slice(0, 10);
  const q = `updated>=${day} order_by:updated sort:asc`;
  const page = await listTickets(ctx, actor, { q, limit: perPage, cursor });
  const tickets = page.data.filter((t) => Date.parse(t.updated_at) >= startTime * 1000);
  const last = page.data[page.data.length - 1];
  return { tickets, next: page.next_cursor, endTime: last ? Math.floor(Date.parse(last.updated_at) / 1000) : startTime };
}
