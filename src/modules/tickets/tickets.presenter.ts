import { iso } from '../../platform/schemas.ts';
import type { CommentListRow, EventListRow, TicketDetailRow } from './tickets.repository.ts';
import type { CommentView, TicketView } from './tickets.schemas.ts';

/** `sla`: the next SLA deadline, for agents (customers read their targets in the SLA statement). */
export function presentTicket(row: TicketDetailRow, options: { sla: boolean }): TicketView {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    type: row.type,
    channel: row.channel,
    requester_id: row.requester_id,
    requester: { id: row.requester_id, name: row.requester_name, email: row.requester_email },
    organization_id: row.organization_id,
    assignee_id: row.assignee_id,
    assignee: row.assignee_id !== null ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    group_id: row.group_id,
    tier: row.tier,
    category_id: row.category_id,
    category: row.category_id !== null ? { id: row.category_id, name: row.category_name ?? '', path: row.category_path ?? '' } : null,
    predicted_category:
      row.predicted_category_id != null
        ? { id: Number(row.predicted_category_id), name: row.predicted_category_name ?? '', path: row.predicted_category_path ?? '' }
        : null,
    predicted_confidence: row.predicted_confidence ?? null,
    predicted_priority: row.predicted_priority ?? null,
    language: row.language ?? null,
    sentiment: row.sentiment ?? null,
    tags: row.tags,
    custom_fields: row.custom_fields,
    resolution_code: row.resolution_code,
    merged_into_id: row.merged_into_id,
    follow_up_of_id: row.follow_up_of_id,
    version: row.version,
    first_response_at: iso(row.first_response_at),
    solved_at: iso(row.solved_at),
    closed_at: iso(row.closed_at),
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
    sla:
      options.sla && row.sla_due_at !== null && row.sla_target !== null
        ? { target: row.sla_target, due_at: iso(row.sla_due_at) as string }
        : null,
  };
}

type AttachmentRow = { id: number; comment_id: number | null; filename: string; content_type: string; size_bytes: number };

export function presentAttachment(a: AttachmentRow) {
  return { id: a.id, filename: a.filename, content_type: a.content_type, size_bytes: a.size_bytes, url: `/api/v1/attachments/${a.id}` };
}

function author(row: {
  author_user_id: number | null;
  author_customer_id: number | null;
  user_name: string | null;
  customer_name: string | null;
}) {
  if (row.author_user_id !== null) return { type: 'agent' as const, id: row.author_user_id, name: row.user_name ?? '' };
  if (row.author_customer_id !== null) return { type: 'customer' as const, id: row.author_customer_id, name: row.customer_name ?? '' };
  return { type: 'system' as const, id: null, name: 'Frontline' };
}

export function presentComment(row: CommentListRow, attachments: AttachmentRow[]): CommentView {
  return {
    id: row.id,
    ticket_id: row.ticket_id,
    body: row.body,
    public: row.public,
    channel: row.channel,
    author: author(row),
    attachments: attachments.filter((a) => a.comment_id === row.id).map(presentAttachment),
    created_at: iso(row.created_at) as string,
  };
}

export function presentEvent(row: EventListRow) {
  const actor =
    row.actor_user_id === null && row.actor_customer_id === null
      ? null
      : author({
          author_user_id: row.actor_user_id,
          author_customer_id: row.actor_customer_id,
          user_name: row.user_name,
          customer_name: row.customer_name,
        });
  return {
    id: row.id,
    ticket_id: row.ticket_id,
    type: row.type,
    field: row.field,
    before: row.before,
    after: row.after,
    comment_id: row.comment_id,
    actor,
    channel: row.channel,
    created_at: iso(row.created_at) as string,
  };
}
