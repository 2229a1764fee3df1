import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** bigint columns come back from both drivers as strings; we parse them to numbers at the driver (see connection.ts). */
type Id = number;
type GeneratedId = Generated<Id>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type ReadOnly<T> = ColumnType<T, never, never>;

export type Role = 'customer' | 'associate' | 'engineer' | 'manager' | 'tam' | 'analyst' | 'head_of_support' | 'admin';
export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type TicketPriority = 'p1' | 'p2' | 'p3' | 'p4';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';
export type IdentityKind = 'email' | 'phone' | 'chat' | 'social';
export type CustomFieldType = 'text' | 'number' | 'dropdown' | 'date' | 'checkbox';
export type TicketLinkKind = 'related' | 'duplicate' | 'parent' | 'follow_up';

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OrganizationsTable {
  id: GeneratedId;
  name: string;
  domains: Generated<string[]>;
  notes: Generated<string>;
  lifetime_value_cents: Generated<number>;
  value_tier: Generated<string>;
  account_owner_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomersTable {
  id: GeneratedId;
  name: string;
  organization_id: Id | null;
  lifetime_value_cents: Generated<number>;
  value_tier: Generated<string>;
  language: Generated<string>;
  time_zone: string | null;
  notes: Generated<string>;
  merged_into_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerIdentitiesTable {
  id: GeneratedId;
  customer_id: Id;
  kind: IdentityKind;
  value: string;
  is_primary: Generated<boolean>;
  verified: Generated<boolean>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: GeneratedId;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  tier: number | null;
  languages: Generated<string[]>;
  time_zone: Generated<string>;
  customer_id: Id | null;
  active: Generated<boolean>;
  last_sign_in_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SkillsTable {
  id: GeneratedId;
  name: string;
  kind: Generated<'product' | 'language' | 'priority' | 'channel' | 'other'>;
  created_at: Timestamp;
}

export interface AgentSkillsTable {
  user_id: Id;
  skill_id: Id;
  proficiency: Generated<number>;
}

export interface GroupsTable {
  id: GeneratedId;
  name: string;
  description: Generated<string>;
  tier: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupMembershipsTable {
  group_id: Id;
  user_id: Id;
}

export interface SessionsTable {
  id: GeneratedId;
  user_id: Id;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: GeneratedId;
  user_id: Id;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: GeneratedId;
  actor_user_id: Id | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  request_id: string | null;
  created_at: Timestamp;
}

export interface CategoriesTable {
  id: GeneratedId;
  parent_id: Id | null;
  name: string;
  slug: string;
  path: string;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomFieldsTable {
  id: GeneratedId;
  key: string;
  label: string;
  type: CustomFieldType;
  options: Generated<string[]>;
  required: Generated<boolean>;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResolutionCodesTable {
  code: string;
  label: string;
  active: Generated<boolean>;
}

export interface TicketsTable {
  id: GeneratedId;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: string;
  requester_id: Id;
  organization_id: Id | null;
  assignee_id: Id | null;
  group_id: Id | null;
  tier: Generated<number>;
  category_id: Id | null;
  tags: Generated<string[]>;
  custom_fields: Json<Record<string, unknown>>;
  resolution_code: string | null;
  merged_into_id: Id | null;
  follow_up_of_id: Id | null;
  version: Generated<number>;
  first_response_at: Timestamp | null;
  solved_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  subject_tsv: ReadOnly<string>;
}

export interface TicketCommentsTable {
  id: GeneratedId;
  ticket_id: Id;
  author_user_id: Id | null;
  author_customer_id: Id | null;
  body: string;
  public: boolean;
  channel: string;
  metadata: Json<Record<string, unknown>>;
  created_at: Timestamp;
  body_tsv: ReadOnly<string>;
}

export interface AttachmentsTable {
  id: GeneratedId;
  ticket_id: Id | null;
  comment_id: Id | null;
  uploaded_by_user_id: Id | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: Timestamp;
}

export interface TicketEventsTable {
  id: GeneratedId;
  ticket_id: Id;
  type: string;
  field: string | null;
  before: Json | null;
  after: Json | null;
  comment_id: Id | null;
  actor_user_id: Id | null;
  actor_customer_id: Id | null;
  channel: string | null;
  created_at: Timestamp;
}

export interface TicketLinksTable {
  id: GeneratedId;
  source_ticket_id: Id;
  target_ticket_id: Id;
  kind: TicketLinkKind;
  created_by_user_id: Id | null;
  created_at: Timestamp;
}

export interface SavedViewsTable {
  id: GeneratedId;
  owner_user_id: Id | null;
  name: string;
  query: string;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SignInLinksTable {
  id: GeneratedId;
  user_id: Id;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface BusinessHoursCalendarsTable {
  id: GeneratedId;
  name: string;
  description: Generated<string>;
  time_zone: string;
  weekly: Json<Record<string, { start: string; end: string }[]>>;
  holidays: Json<{ date: string; name?: string }[]>;
  exceptions: Json<{ date: string; name?: string; hours: { start: string; end: string }[] }[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: GeneratedId;
  name: string;
  description: Generated<string>;
  position: number;
  active: Generated<boolean>;
  calendar_id: Id;
  conditions: Json<Record<string, unknown>>;
  targets: Json<{ target: string; priority: TicketPriority | null; minutes: number; business_hours: boolean }[]>;
  pause_statuses: Generated<string[]>;
  on_reopen: Generated<'resume' | 'restart'>;
  warning_thresholds: Generated<number[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlaClocksTable {
  ticket_id: Id;
  target: 'first_response' | 'next_reply' | 'periodic_update' | 'resolution';
  policy_id: Id;
  cycle: number;
  status: 'running' | 'paused' | 'met' | 'met_late' | 'breached' | 'cancelled';
  target_minutes: number;
  business_hours: boolean;
  started_at: Timestamp;
  due_at: Timestamp | null;
  breached_at: Timestamp | null;
  met_at: Timestamp | null;
  stopped_at: Timestamp | null;
  paused_ms: number;
  elapsed_ms: number;
  remaining_ms: number;
  warning_ats: Generated<Date[]>;
  warnings_sent: Generated<number>;
  next_warning_at: Timestamp | null;
  breach_notified_at: Timestamp | null;
  cycles_met: Generated<number>;
  cycles_breached: Generated<number>;
  last_event_id: Generated<number>;
  computed_at: Timestamp;
}

export interface Database {
  saved_views: SavedViewsTable;
  sign_in_links: SignInLinksTable;
  settings: SettingsTable;
  organizations: OrganizationsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  users: UsersTable;
  skills: SkillsTable;
  agent_skills: AgentSkillsTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  categories: CategoriesTable;
  custom_fields: CustomFieldsTable;
  resolution_codes: ResolutionCodesTable;
  tickets: TicketsTable;
  ticket_comments: TicketCommentsTable;
  attachments: AttachmentsTable;
  ticket_events: TicketEventsTable;
  ticket_links: TicketLinksTable;
  business_hours_calendars: BusinessHoursCalendarsTable;
  sla_policies: SlaPoliciesTable;
  sla_clocks: SlaClocksTable;
}

export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type CommentRow = Selectable<TicketCommentsTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type GroupRow = Selectable<GroupsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type CustomFieldRow = Selectable<CustomFieldsTable>;
