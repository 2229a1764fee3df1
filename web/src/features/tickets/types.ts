export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type TicketPriority = 'p1' | 'p2' | 'p3' | 'p4';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';

export interface PersonRef {
  id: number;
  name: string;
}

export interface Ticket {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: string;
  requester_id: number;
  requester: PersonRef & { email: string | null };
  organization_id: number | null;
  assignee_id: number | null;
  assignee: PersonRef | null;
  group_id: number | null;
  tier: number;
  category_id: number | null;
  category: { id: number; path: string; name: string } | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  resolution_code: string | null;
  merged_into_id: number | null;
  follow_up_of_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
  /** The next SLA deadline (agents only). */
  sla: { target: string; due_at: string } | null;
}

export interface Author {
  type: 'agent' | 'customer' | 'system';
  id: number | null;
  name: string;
}

export interface Attachment {
  id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  url: string;
}

export interface Comment {
  id: number;
  ticket_id: number;
  body: string;
  public: boolean;
  channel: string;
  author: Author;
  attachments: Attachment[];
  created_at: string;
}

export interface TicketEvent {
  id: number;
  ticket_id?: number;
  type: string;
  field: string | null;
  before: unknown;
  after: unknown;
  actor: Author | null;
  channel: string | null;
  created_at: string;
}

export type CustomFieldValue = string | number | boolean | null;

export type TicketPatch = Partial<{
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  assignee_id: number | null;
  group_id: number | null;
  tags: string[];
  add_tags: string[];
  remove_tags: string[];
  subject: string;
  tier: number;
  category_id: number | null;
  custom_fields: Record<string, CustomFieldValue>;
  resolution_code: string | null;
}>;

export interface NewComment {
  body: string;
  public: boolean;
  status?: TicketStatus;
  attachment_ids?: number[];
}

/** A saved search in the navigation; `count` is live (null when the server could not count it). */
export interface SavedView {
  id: number;
  name: string;
  query: string;
  shared: boolean;
  position: number;
  count: number | null;
  updated_at: string;
}

export interface BulkResult {
  id: number;
  ok: boolean;
  ticket?: Ticket;
  error?: { code: string; detail: string };
}

export type IdentityKind = 'email' | 'phone' | 'chat' | 'social';

export interface Customer {
  id: number;
  name: string;
  organization_id: number | null;
  identities: { id: number; kind: IdentityKind; value: string; is_primary: boolean; verified: boolean }[];
  language: string;
  time_zone: string | null;
  notes: string;
  lifetime_value_cents: number;
  value_tier: string;
  merged_into_id: number | null;
  created_at: string;
}

export interface Organization {
  id: number;
  name: string;
  domains: string[];
  notes: string;
  lifetime_value_cents: number;
  value_tier: string;
  account_owner_id: number | null;
}

export interface Category {
  id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  path: string;
  active: boolean;
  position: number;
}

export interface CustomField {
  id: number;
  key: string;
  label: string;
  type: 'text' | 'number' | 'dropdown' | 'date' | 'checkbox';
  options: string[];
  required: boolean;
  active: boolean;
  position: number;
}

export interface ResolutionCode {
  code: string;
  label: string;
  active: boolean;
}

export type LinkKind = 'related' | 'duplicate' | 'parent' | 'child' | 'follow_up' | 'follow_up_of';

export interface TicketLink {
  id: number;
  kind: LinkKind;
  ticket_id: number;
  subject: string;
  status: TicketStatus;
  created_at: string;
}

export interface NewTicket {
  subject: string;
  description: string;
  requester: { email?: string; phone?: string; name?: string };
  priority: TicketPriority;
  type: TicketType;
  category?: number;
  tags: string[];
  assignee_id?: number | null;
  group_id?: number | null;
  custom_fields?: Record<string, CustomFieldValue>;
  attachment_ids?: number[];
}
