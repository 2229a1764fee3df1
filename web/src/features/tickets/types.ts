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
  version: number;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
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
  type: string;
  field: string | null;
  before: unknown;
  after: unknown;
  actor: Author | null;
  channel: string | null;
  created_at: string;
}

export type TicketPatch = Partial<{
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  assignee_id: number | null;
  group_id: number | null;
  tags: string[];
  subject: string;
}>;

export interface NewComment {
  body: string;
  public: boolean;
  status?: TicketStatus;
}
