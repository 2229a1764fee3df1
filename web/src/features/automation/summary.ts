import type { Action, Condition, Conditions, TimeCondition } from './api.ts';

const operatorWords: Record<string, string> = {
  is: 'is',
  is_not: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  changed: 'changed',
  not_changed: 'did not change',
  changed_to: 'changed to',
  changed_from: 'changed from',
  contains: 'contains',
  not_contains: 'does not contain',
  greater_than: 'is above',
  less_than: 'is below',
};

const fieldWords: Record<string, string> = {
  update_type: 'Change',
  comment: 'Comment',
  actor: 'Made by',
  sla: 'SLA',
  assignee_id: 'Assignee',
  group_id: 'Group',
  category_id: 'Category',
  organization_id: 'Organization',
  requester_id: 'Requester',
};

const field = (name: string) => fieldWords[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
const value = (v: Condition['value']) => (Array.isArray(v) ? v.join(', ') : v === null ? 'none' : v === undefined ? '' : String(v));

export function describeCondition(c: Condition): string {
  return `${field(c.field)} ${operatorWords[c.operator] ?? c.operator} ${value(c.value)}`.trim();
}

/** "Subject contains refund and Status is new", or "any of: …". */
export function describeConditions(conditions: Conditions): string {
  const all = conditions.all.map(describeCondition).join(' and ');
  const any = conditions.any.length ? `any of: ${conditions.any.map(describeCondition).join('; ')}` : '';
  return [all, any].filter(Boolean).join(', and ') || 'Every ticket';
}

export function describeAction(a: Action): string {
  switch (a.type) {
    case 'set':
      return `Set ${field(String(a.field))} to ${value(a.value as Condition['value'])}`;
    case 'assign':
      return a.assignee_id === 'current_user'
        ? 'Assign to the agent'
        : a.assignee_id === null
          ? 'Unassign'
          : `Assign to agent ${a.assignee_id}`;
    case 'add_tags':
      return `Add tags ${(a.tags as string[]).join(', ')}`;
    case 'remove_tags':
      return `Remove tags ${(a.tags as string[]).join(', ')}`;
    case 'notify':
      return `Notify ${typeof a.to === 'string' ? `the ${a.to}` : 'agents'}`;
    case 'send_email':
      return `Email ${a.to === 'requester' ? 'the requester' : String(a.to)}`;
    case 'call_webhook':
      return `Call webhook ${a.subscription_id}`;
    case 'escalate':
      return `Escalate${a.tier ? ` to tier ${a.tier}` : ''}`;
    default:
      return a.type;
  }
}

export const describeActions = (actions: Action[]) => actions.map(describeAction).join(' · ');

const sinceWords: Record<TimeCondition['since'], string> = {
  created: 'created',
  updated: 'last updated',
  status_changed: 'in its status',
  solved: 'solved',
};

export function describeTime(t: TimeCondition): string {
  return `${sinceWords[t.since]} more than ${t.hours} ${t.business_hours ? 'business ' : ''}hour${t.hours === 1 ? '' : 's'}`;
}
