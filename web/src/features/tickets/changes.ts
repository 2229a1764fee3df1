import { isApiError } from '../../app/api.ts';

/** How a ticket field is named in sentences ("changed the priority"). */
export const fieldNames: Record<string, string> = {
  subject: 'subject',
  status: 'status',
  priority: 'priority',
  type: 'type',
  assignee_id: 'assignee',
  group_id: 'group',
  tier: 'tier',
  category_id: 'category',
  tags: 'tags',
  custom_fields: 'custom fields',
  resolution_code: 'resolution code',
};

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "changed the priority and status", "added a message", "merged this ticket into another" — from a live change. */
export function describeLiveChange(types: string[], fields: string[]): string {
  const parts: string[] = [];
  if (types.includes('ticket.merged')) parts.push('merged this ticket into another');
  if (types.includes('ticket.merge_received')) parts.push('merged another ticket into this one');
  if (types.includes('comment.added')) parts.push('added a message');
  if (types.includes('ticket.linked')) parts.push('linked a ticket');
  if (types.includes('ticket.unlinked')) parts.push('removed a link');
  if (types.includes('ticket.follow_up_created')) parts.push('opened a follow-up');
  const named = fields
    .filter((field) => field !== 'status' || !types.includes('ticket.merged'))
    .map((field) => fieldNames[field] ?? field.replaceAll('_', ' '));
  if (named.length) parts.push(`changed the ${list(named)}`);
  if (parts.length === 0) parts.push('updated this ticket');
  return list(parts);
}

/**
 * The API's validation errors by field ("resolution_code", "custom_fields.plan", "requester.email"),
 * without the request part ("body.") the schema validator puts in front.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const errors: Record<string, string> = {};
  for (const item of error.errors) {
    if (!item.path) continue;
    const path = item.path.replace(/^body\./, '');
    // A single problem reads best in the API's own sentence; several get their short messages.
    errors[path] = error.errors.length === 1 ? error.detail : item.message;
  }
  return errors;
}
