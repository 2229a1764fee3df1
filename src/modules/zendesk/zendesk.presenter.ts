import type { CommentView, TicketView } from '../tickets/index.ts';
import type { UserView } from '../users/index.ts';
import { priorityToZendesk, statusToZendesk, zendeskTime } from './zendesk.mapping.ts';

/** Absolute URLs, as Zendesk answers them: `https://host/api/v2/tickets/1.json`. */
export type UrlOf = (path: string) => string;

export interface FieldIds {
  idOfKey: Map<string, number>;
  keyOfId: Map<number, string>;
}

export function presentZendeskTicket(t: TicketView, url: UrlOf, fields: FieldIds, description = '') {
  const custom = Object.entries(t.custom_fields)
    .filter(([key]) => fields.idOfKey.has(key))
    .map(([key, value]) => ({ id: fields.idOfKey.get(key) as number, value }));
  return {
    id: t.id,
    url: url(`/tickets/${t.id}.json`),
    external_id: null,
    via: { channel: t.channel === 'api' ? 'api' : t.channel, source: { from: {}, to: {}, rel: null } },
    created_at: zendeskTime(t.created_at),
    updated_at: zendeskTime(t.updated_at),
    updated_stamp: zendeskTime(t.updated_at),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description,
    priority: priorityToZendesk(t.priority),
    status: statusToZendesk(t.status),
    recipient: null,
    requester_id: t.requester_id,
    submitter_id: t.requester_id,
    assignee_id: t.assignee_id,
    organization_id: t.organization_id,
    group_id: t.group_id,
    collaborator_ids: [] as number[],
    follower_ids: [] as number[],
    email_cc_ids: [] as number[],
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: t.tags,
    custom_fields: custom,
    fields: custom,
    satisfaction_rating: null,
    sharing_agreement_ids: [] as number[],
    brand_id: null,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}
export type ZendeskTicket = ReturnType<typeof presentZendeskTicket>;

export function presentZendeskComment(c: CommentView, url: UrlOf) {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.author.id,
    body: c.body,
    html_body: `<p>${escapeHtml(c.body)}</p>`,
    plain_body: c.body,
    public: c.public,
    attachments: c.attachments.map((a) => ({
      id: a.id,
      file_name: a.filename,
      content_type: a.content_type,
      size: a.size_bytes,
      content_url: a.url,
      url: url(`/attachments/${a.id}.json`),
      inline: false,
      thumbnails: [],
    })),
    audit_id: c.id,
    via: { channel: c.channel, source: { from: {}, to: {}, rel: null } },
    created_at: zendeskTime(c.created_at),
  };
}

const zendeskRole = (role: UserView['role']): 'admin' | 'agent' | 'end-user' =>
  role === 'admin' ? 'admin' : role === 'customer' ? 'end-user' : 'agent';

export function presentZendeskUser(u: UserView, url: UrlOf) {
  return {
    id: u.id,
    url: url(`/users/${u.id}.json`),
    name: u.name,
    email: u.email,
    role: zendeskRole(u.role),
    active: u.active,
    verified: true,
    time_zone: null,
    locale: 'en-US',
    organization_id: null,
    external_id: null,
    tags: [] as string[],
    created_at: zendeskTime(u.created_at),
    updated_at: zendeskTime(u.updated_at),
  };
}

export function presentZendeskOrganization(
  o: { id: number; name: string; domains: string[]; notes: string; created_at: string; updated_at: string },
  url: UrlOf,
) {
  return {
    id: o.id,
    url: url(`/organizations/${o.id}.json`),
    name: o.name,
    domain_names: o.domains,
    details: null,
    notes: o.notes,
    external_id: null,
    shared_tickets: false,
    shared_comments: false,
    tags: [] as string[],
    organization_fields: {},
    created_at: zendeskTime(o.created_at),
    updated_at: zendeskTime(o.updated_at),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
