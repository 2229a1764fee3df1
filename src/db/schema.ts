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
  /** The last request made with the session (idle expiry); null until the first. */
  last_seen_at?: Timestamp | null;
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

export type AgentState = 'online' | 'away' | 'offline' | 'on_call' | 'wrap_up';
export type CapacityChannel = 'voice' | 'chat' | 'email';

export interface AgentStatesTable {
  user_id: Id;
  state: AgentState;
  channel: string | null;
  reason: string | null;
  since: Timestamp;
  last_assigned_at: Timestamp | null;
}

export interface AgentStateChangesTable {
  id: GeneratedId;
  user_id: Id;
  state: AgentState;
  channel: string | null;
  reason: string | null;
  source: 'agent' | 'manager' | 'event' | 'system';
  actor_user_id: Id | null;
  created_at: Timestamp;
}

export interface RoutingCapacitiesTable {
  id: GeneratedId;
  user_id: Id | null;
  group_id: Id | null;
  channel: CapacityChannel;
  capacity: number;
}

export interface RoutingOffersTable {
  id: GeneratedId;
  ticket_id: Id;
  user_id: Id;
  status: 'offered' | 'accepted' | 'declined' | 'timed_out' | 'cancelled';
  reason: string | null;
  offered_at: Timestamp;
  expires_at: Timestamp;
  responded_at: Timestamp | null;
}

export interface EscalationRulesTable {
  id: GeneratedId;
  position: Generated<number>;
  category_id: Id | null;
  priority: TicketPriority | null;
  from_tier: number | null;
  to_tier: number;
  group_id: Id | null;
  notify_user_ids: Generated<number[]>;
  on_breach: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerRevenueTable {
  id: GeneratedId;
  customer_id: Id | null;
  organization_id: Id | null;
  amount_cents: number;
  occurred_at: Timestamp;
  source: Generated<string>;
  reference: string | null;
  created_by_user_id: Id | null;
  created_at: Timestamp;
}

// Knowledge base.
export type KbVisibility = 'public' | 'internal' | 'draft';

export interface KbCategoriesTable {
  id: GeneratedId;
  parent_id: Id | null;
  name: string;
  slug: string;
  description: Generated<string>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KbArticlesTable {
  id: GeneratedId;
  category_id: Id | null;
  visibility: KbVisibility;
  default_locale: string;
  tags: Generated<string[]>;
  owner_user_id: Id | null;
  review_due_at: Timestamp | null;
  outdated_at: Timestamp | null;
  outdated_reason: string | null;
  outdated_by_user_id: Id | null;
  view_count: Generated<number>;
  helpful_count: Generated<number>;
  unhelpful_count: Generated<number>;
  created_by_user_id: Id | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KbArticleTranslationsTable {
  id: GeneratedId;
  article_id: Id;
  locale: string;
  title: string;
  slug: string;
  body: string;
  body_html: string;
  body_text: string;
  version: number;
  ts_config: string;
  search_vector: ColumnType<string, unknown, unknown>;
  updated_by_user_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KbArticleVersionsTable {
  id: GeneratedId;
  article_id: Id;
  locale: string;
  version: number;
  title: string;
  body: string;
  note: Generated<string>;
  author_user_id: Id | null;
  created_at: Timestamp;
}

export interface KbRelatedArticlesTable {
  article_id: Id;
  related_id: Id;
  position: number;
}

export interface KbFeedbackTable {
  id: GeneratedId;
  article_id: Id;
  locale: string;
  helpful: boolean;
  comment: Generated<string>;
  user_id: Id | null;
  visitor_key: string | null;
  created_at: Timestamp;
}

export interface KbAttachmentsTable {
  id: GeneratedId;
  article_id: Id;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by_user_id: Id | null;
  created_at: Timestamp;
}

export interface KbTermsTable {
  term: string;
}

export interface KbLexemesTable {
  config: string;
  lexeme: string;
  df: number;
}

export interface KbHelpSessionsTable {
  id: GeneratedId;
  visitor_key: string;
  user_id: Id | null;
  customer_id: Id | null;
  last_query: Generated<string>;
  suggested_article_ids: Generated<Id[]>;
  viewed_article_ids: Generated<Id[]>;
  started_at: Timestamp;
  last_seen_at: Timestamp;
  left_at: Timestamp | null;
  ticket_id: Id | null;
}

export interface KbSolvedWithTable {
  ticket_id: Id;
  article_id: Id;
  user_id: Id | null;
  created_at: Timestamp;
}

// ── Automation: triggers, time-based automations, macros, outbound webhooks ──
export interface AutomationTriggersTable {
  id: GeneratedId;
  name: string;
  description: Generated<string>;
  position: number;
  active: Generated<boolean>;
  conditions: Json<unknown>;
  actions: Json<unknown[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AutomationsTable {
  id: GeneratedId;
  name: string;
  description: Generated<string>;
  position: number;
  active: Generated<boolean>;
  time_condition: Json<unknown>;
  conditions: Json<unknown>;
  actions: Json<unknown[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AutomationRunsTable {
  automation_id: Id;
  ticket_id: Id;
  anchor: Timestamp;
  ran_at: Timestamp;
}

export interface MacrosTable {
  id: GeneratedId;
  name: string;
  description: Generated<string>;
  active: Generated<boolean>;
  actions: Json<unknown[]>;
  reply_body: string | null;
  reply_public: Generated<boolean>;
  usage_count: Generated<number>;
  created_by_user_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookSubscriptionsTable {
  id: GeneratedId;
  name: string;
  url: string;
  secret: string;
  event_types: string[];
  active: Generated<boolean>;
  disabled_at: Timestamp | null;
  disabled_reason: string | null;
  consecutive_failures: Generated<number>;
  disable_after_failures: Generated<number>;
  last_success_at: Timestamp | null;
  last_failure_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: GeneratedId;
  subscription_id: Id;
  event_id: string;
  event_type: string;
  payload: Json<unknown>;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Generated<number>;
  response_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface WebhookDeliveryAttemptsTable {
  id: GeneratedId;
  delivery_id: Id;
  attempt: number;
  started_at: Timestamp;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
}

export interface Database {
  intake_models: IntakeModelsTable;
  ticket_intake: TicketIntakeTable;
  intake_settings: IntakeSettingsTable;
  chat_widgets: ChatWidgetsTable;
  chat_conversations: ChatConversationsTable;
  chat_messages: ChatMessagesTable;
  problems: ProblemsTable;
  problem_tickets: ProblemTicketsTable;
  support_addresses: SupportAddressesTable;
  imap_mailboxes: ImapMailboxesTable;
  inbound_emails: InboundEmailsTable;
  email_message_ids: EmailMessageIdsTable;
  email_outbound: EmailOutboundTable;
  channel_messages: ChannelMessagesTable;
  ticket_followers: TicketFollowersTable;
  calls: CallsTable;
  messaging_connections: MessagingConnectionsTable;
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
  user_security: UserSecurityTable;
  sign_in_challenges: SignInChallengesTable;
  security_settings: SecuritySettingsTable;
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
  automation_triggers: AutomationTriggersTable;
  automations: AutomationsTable;
  automation_runs: AutomationRunsTable;
  macros: MacrosTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  agent_states: AgentStatesTable;
  agent_state_changes: AgentStateChangesTable;
  routing_capacities: RoutingCapacitiesTable;
  routing_offers: RoutingOffersTable;
  escalation_rules: EscalationRulesTable;
  customer_revenue: CustomerRevenueTable;
  kb_categories: KbCategoriesTable;
  kb_articles: KbArticlesTable;
  kb_article_translations: KbArticleTranslationsTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_related_articles: KbRelatedArticlesTable;
  kb_feedback: KbFeedbackTable;
  kb_attachments: KbAttachmentsTable;
  kb_terms: KbTermsTable;
  kb_lexemes: KbLexemesTable;
  kb_help_sessions: KbHelpSessionsTable;
  kb_solved_with: KbSolvedWithTable;
  wfm_volume_adjustments: WfmVolumeAdjustmentsTable;
  wfm_agent_profiles: WfmAgentProfilesTable;
  wfm_time_off: WfmTimeOffTable;
  wfm_schedules: WfmSchedulesTable;
  wfm_shifts: WfmShiftsTable;
  survey_signing_keys: SurveySigningKeysTable;
  surveys: SurveysTable;
  survey_answers: SurveyAnswersTable;
  qa_scorecards: QaScorecardsTable;
  qa_scorecard_versions: QaScorecardVersionsTable;
  qa_calibrations: QaCalibrationsTable;
  qa_calibration_participants: QaCalibrationParticipantsTable;
  qa_reviews: QaReviewsTable;
  qa_review_answers: QaReviewAnswersTable;
  qa_disputes: QaDisputesTable;
  qa_sampling_rules: QaSamplingRulesTable;
  qa_queue_items: QaQueueItemsTable;
  qa_coaching_sessions: QaCoachingSessionsTable;
  qa_coaching_goals: QaCoachingGoalsTable;
  customer_accounts: CustomerAccountsTable;
  segments: SegmentsTable;
  do_not_contact: DoNotContactTable;
  campaigns: CampaignsTable;
  call_list_entries: CallListEntriesTable;
  contact_attempts: ContactAttemptsTable;
  return_claims: ReturnClaimsTable;
  return_claim_events: ReturnClaimEventsTable;
  vendors: VendorsTable;
  vendor_groups: VendorGroupsTable;
  vendor_agents: VendorAgentsTable;
  privacy_retention_policies: PrivacyRetentionPoliciesTable;
  privacy_legal_holds: PrivacyLegalHoldsTable;
  privacy_retention_runs: PrivacyRetentionRunsTable;
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

// Channels: email in and out, IMAP mailboxes, voice calls, messaging connections.
export interface SupportAddressesTable {
  id: GeneratedId;
  email: string;
  name: Generated<string>;
  group_id: Id | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImapMailboxesTable {
  id: GeneratedId;
  name: string;
  host: string;
  port: number;
  tls: Generated<boolean>;
  username: string;
  password: string;
  folder: Generated<string>;
  processed_folder: string | null;
  support_address_id: Id | null;
  active: Generated<boolean>;
  uid_validity: string | null;
  last_uid: Generated<number>;
  last_polled_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type InboundEmailStatus = 'received' | 'processed' | 'ignored' | 'failed';

export interface InboundEmailsTable {
  id: GeneratedId;
  source: 'smtp' | 'imap';
  mailbox_id: Id | null;
  mail_from: string | null;
  rcpt_to: Generated<string[]>;
  message_id: string | null;
  raw: Uint8Array;
  size_bytes: number;
  status: InboundEmailStatus;
  flag: string | null;
  error: string | null;
  subject: string | null;
  ticket_id: Id | null;
  comment_id: Id | null;
  attempts: Generated<number>;
  received_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface EmailMessageIdsTable {
  message_id: string;
  ticket_id: Id;
  comment_id: Id | null;
  direction: 'inbound' | 'outbound';
  created_at: Timestamp;
}

export interface EmailOutboundTable {
  id: GeneratedId;
  comment_id: Id;
  ticket_id: Id;
  recipients: Generated<string[]>;
  message_id: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped' | 'undelivered';
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ChannelMessagesTable {
  comment_id: Id;
  ticket_id: Id;
  channel: string;
  direction: 'inbound' | 'outbound';
  source: string;
  external_id: string | null;
  full_text: Generated<string>;
  html: string | null;
  metadata: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface TicketFollowersTable {
  ticket_id: Id;
  customer_id: Id;
  created_at: Timestamp;
}

export interface CallsTable {
  id: GeneratedId;
  call_id: string;
  direction: Generated<'inbound' | 'outbound'>;
  from_number: string;
  to_number: string;
  customer_id: Id | null;
  agent_id: Id | null;
  ticket_id: Id | null;
  status: string;
  queue_wait_seconds: number | null;
  talk_seconds: number | null;
  hold_seconds: Generated<number>;
  wrap_up_seconds: number | null;
  outcome: string | null;
  recording_url: string | null;
  transcript: string | null;
  ringing_at: Timestamp;
  answered_at: Timestamp | null;
  held_at: Timestamp | null;
  ended_at: Timestamp | null;
  events: Json<Record<string, unknown>[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessagingConnectionsTable {
  id: GeneratedId;
  name: string;
  kind: 'whatsapp' | 'sms' | 'messenger' | 'generic';
  secret: string;
  outbound_url: string | null;
  join_window_minutes: Generated<number>;
  group_id: Id | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Workforce management (src/modules/wfm).
export interface WfmVolumeAdjustmentsTable {
  id: GeneratedId;
  channel: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  kind: 'multiply' | 'add' | 'set';
  value: number;
  note: string | null;
  created_by: Id | null;
  created_at: Timestamp;
}

export interface WfmAgentProfilesTable {
  user_id: Id;
  max_days_per_week: Generated<number>;
  min_hours_per_week: Generated<number>;
  max_hours_per_week: Generated<number>;
  cost_per_hour_cents: Generated<number>;
  availability: Json<{ weekday: number; from: string; to: string }[]> | null;
  channels: Json<string[]> | null;
  templates: Json<string[]> | null;
  updated_at: Timestamp;
}

export interface WfmTimeOffTable {
  id: GeneratedId;
  user_id: Id;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: Generated<string>;
  status: Generated<'requested' | 'approved' | 'rejected' | 'cancelled'>;
  decided_by: Id | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface WfmSchedulesTable {
  id: GeneratedId;
  name: string;
  status: Generated<'draft' | 'published'>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: string;
  solver: Json<Record<string, unknown>>;
  summary: Json<Record<string, unknown>>;
  coverage: Json<{ start: string; required: number; scheduled: number; under: number; over: number }[]>;
  created_by: Id | null;
  created_at: Timestamp;
  published_by: Id | null;
  published_at: Timestamp | null;
}

export interface WfmShiftsTable {
  id: GeneratedId;
  schedule_id: Id;
  user_id: Id;
  template: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  lunch_starts_at: Timestamp | null;
  lunch_ends_at: Timestamp | null;
  paid_hours: number;
}

// Analytics: problem records (root cause) and the tickets linked to them by hand.
export interface ProblemsTable {
  id: GeneratedId;
  title: string;
  description: Generated<string>;
  status: Generated<'open' | 'fixing' | 'resolved' | 'closed'>;
  category_id: Id | null;
  tag: string | null;
  resolution_code: string | null;
  owner_user_id: Id | null;
  fix_description: Generated<string>;
  fix_started_at: Timestamp | null;
  fix_cost_cents: number | null;
  window_days: Generated<number>;
  created_by_user_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProblemTicketsTable {
  problem_id: Id;
  ticket_id: Id;
  linked_by_user_id: Id | null;
  created_at: Timestamp;
}

// Feedback (surveys) and quality (QA scorecards, reviews, sampling, calibration, coaching).
export type SurveyKind = 'csat' | 'nps' | 'ces';
type DateOnly = ColumnType<string, string, string>;

export interface SurveySigningKeysTable {
  id: GeneratedId;
  secret: string;
  created_at: Generated<Date>;
}

export interface SurveysTable {
  id: GeneratedId;
  ticket_id: Id;
  customer_id: Id;
  recipient: string | null;
  questions: SurveyKind[];
  via: 'email' | 'portal' | 'chat';
  status: 'scheduled' | 'sent' | 'answered' | 'skipped';
  skip_reason: string | null;
  agent_id: Id | null;
  group_id: Id | null;
  channel: string;
  category_id: Id | null;
  scheduled_for: Timestamp;
  sent_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyAnswersTable {
  id: GeneratedId;
  survey_id: Id;
  kind: SurveyKind;
  score: number;
  first_score: number;
  comment: Generated<string>;
  ticket_id: Id;
  customer_id: Id;
  agent_id: Id | null;
  group_id: Id | null;
  channel: string;
  category_id: Id | null;
  changes: Generated<number>;
  follow_up_at: Timestamp | null;
  answered_at: Timestamp;
  updated_at: Timestamp;
}

export interface QaScorecardsTable {
  id: GeneratedId;
  name: string;
  description: Generated<string>;
  active: Generated<boolean>;
  is_default: Generated<boolean>;
  current_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QaScorecardVersionsTable {
  id: GeneratedId;
  scorecard_id: Id;
  version: number;
  definition: Json;
  pass_score: number;
  created_by: Id | null;
  created_at: Timestamp;
}

export interface QaCalibrationsTable {
  id: GeneratedId;
  ticket_id: Id;
  scorecard_version_id: Id;
  title: string;
  status: Generated<'open' | 'closed'>;
  reference_reviewer_id: Id | null;
  created_by: Id | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface QaCalibrationParticipantsTable {
  calibration_id: Id;
  reviewer_id: Id;
}

export interface QaReviewsTable {
  id: GeneratedId;
  ticket_id: Id;
  agent_id: Id;
  reviewer_id: Id;
  scorecard_version_id: Id;
  calibration_id: Id | null;
  status: 'draft' | 'submitted';
  score: number | null;
  auto_failed: Generated<boolean>;
  passed: boolean | null;
  comment: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
}

export interface QaReviewAnswersTable {
  review_id: Id;
  item_key: string;
  score: number | null;
  not_applicable: Generated<boolean>;
  comment: Generated<string>;
}

export interface QaDisputesTable {
  id: GeneratedId;
  review_id: Id;
  agent_id: Id;
  reason: string;
  status: Generated<'open' | 'accepted' | 'rejected'>;
  resolution: Generated<string>;
  resolved_by: Id | null;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface QaSamplingRulesTable {
  id: GeneratedId;
  name: string;
  kind: 'random_per_agent' | 'low_csat' | 'escalated' | 'new_hires';
  params: Json<Record<string, unknown>>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QaQueueItemsTable {
  id: GeneratedId;
  ticket_id: Id;
  agent_id: Id;
  reviewer_id: Id | null;
  rule_id: Id | null;
  reason: string;
  week: DateOnly;
  status: Generated<'pending' | 'done' | 'skipped'>;
  review_id: Id | null;
  created_at: Timestamp;
}

export interface QaCoachingSessionsTable {
  id: GeneratedId;
  agent_id: Id;
  coach_id: Id | null;
  held_on: DateOnly;
  notes: Generated<string>;
  private_notes: Generated<string>;
  review_ids: Generated<number[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QaCoachingGoalsTable {
  id: GeneratedId;
  agent_id: Id;
  session_id: Id | null;
  title: string;
  due_on: DateOnly | null;
  status: Generated<'open' | 'achieved' | 'dropped'>;
  created_by: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Live chat: widgets with their bot settings, conversations (each one a ticket), sequenced messages.
export interface ChatWidgetsTable {
  id: GeneratedId;
  key: string;
  name: string;
  bot_enabled: Generated<boolean>;
  bot_threshold: Generated<number>;
  greeting: Generated<string>;
  created_at: Generated<Date>;
}

export type ChatConversationStatus = 'bot' | 'queued' | 'active' | 'ended';

export interface ChatConversationsTable {
  id: GeneratedId;
  widget_id: Id;
  visitor_token_hash: string;
  visitor_name: string | null;
  visitor_email: string | null;
  topic: string | null;
  ticket_id: Id | null;
  status: ChatConversationStatus;
  agent_user_id: Id | null;
  last_seq: Generated<number>;
  visitor_read_seq: Generated<number>;
  agent_read_seq: Generated<number>;
  bot_turns: Generated<number>;
  handed_off: Generated<boolean>;
  wrap_up: string | null;
  csat: number | null;
  created_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface ChatMessagesTable {
  id: GeneratedId;
  conversation_id: Id;
  seq: number;
  author: 'visitor' | 'agent' | 'bot' | 'system';
  author_user_id: Id | null;
  client_id: string | null;
  body: string;
  attachment_id: Id | null;
  created_at: Timestamp;
}

// Proactive outreach (segments, campaigns, call lists), returns and warranty, vendors.
export interface CustomerAccountsTable {
  customer_id: Id;
  open_balance_cents: Generated<number>;
  risk_score: Generated<number>;
  updated_at: Timestamp;
}

export interface SegmentsTable {
  id: GeneratedId;
  name: string;
  rules: Json;
  created_by_user_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DoNotContactTable {
  customer_id: Id;
  reason: Generated<string>;
  created_at: Timestamp;
}

export interface CampaignsTable {
  id: GeneratedId;
  name: string;
  segment_id: Id | null;
  channel: string;
  status: Generated<string>;
  message: Generated<string>;
  window_start_hour: Generated<number>;
  window_end_hour: Generated<number>;
  weekdays_only: Generated<boolean>;
  max_contacts: Generated<number>;
  cap_days: Generated<number>;
  problem_id: Id | null;
  created_by_user_id: Id | null;
  created_at: Timestamp;
}

export interface CallListEntriesTable {
  id: GeneratedId;
  campaign_id: Id;
  customer_id: Id;
  position: number;
  status: Generated<string>;
  assigned_user_id: Id | null;
  callback_at: Timestamp | null;
  attempts: Generated<number>;
  last_outcome: string | null;
  updated_at: Timestamp;
}

export interface ContactAttemptsTable {
  id: GeneratedId;
  campaign_id: Id | null;
  customer_id: Id;
  user_id: Id | null;
  method: string;
  contact_value: Generated<string>;
  outcome: string;
  note: Generated<string>;
  callback_at: Timestamp | null;
  ticket_id: Id | null;
  created_at: Timestamp;
}

export interface ReturnClaimsTable {
  id: GeneratedId;
  kind: string;
  customer_id: Id;
  order_reference: Generated<string>;
  item: Generated<string>;
  serial_number: Generated<string>;
  purchase_date: string | null;
  reason: Generated<string>;
  photos: Json<string[]>;
  status: string;
  rejection_reasons: Json<{ code: string; message: string }[]>;
  tracking_number: string | null;
  created_by_user_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ReturnClaimEventsTable {
  id: GeneratedId;
  claim_id: Id;
  from_status: string | null;
  to_status: string;
  actor: string;
  detail: Json;
  created_at: Timestamp;
}

export interface VendorsTable {
  id: GeneratedId;
  name: string;
  service_level_target: Generated<number>;
  service_level_seconds: Generated<number>;
  price_per_agent_hour_cents: number;
  created_at: Timestamp;
}

export interface VendorGroupsTable {
  vendor_id: Id;
  group_id: Id;
}

export interface VendorAgentsTable {
  user_id: Id;
  vendor_id: Id;
}

// Sign-in security (src/modules/auth): two-factor, lockout, second sign-in step, policy.
export interface UserSecurityTable {
  user_id: Id;
  /** Sealed (platform/secrets.ts). */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  /** sha256 of each unused recovery code. */
  recovery_codes: Generated<string[]>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp | null;
}

export interface SignInChallengesTable {
  id: GeneratedId;
  token_hash: string;
  user_id: Id;
  purpose: 'two_factor' | 'enrol_two_factor' | 'oidc';
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface SecuritySettingsTable {
  id: number;
  require_2fa_for_admins: Generated<boolean>;
  oidc: ColumnType<unknown, string | null, string | null> | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// Privacy (src/modules/privacy): retention policies, legal holds, retention run reports.
export interface PrivacyRetentionPoliciesTable {
  id: GeneratedId;
  name: string;
  channel: string | null;
  organization_id: Id | null;
  action: 'delete' | 'anonymise';
  after_days: number;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PrivacyLegalHoldsTable {
  id: GeneratedId;
  customer_id: Id | null;
  organization_id: Id | null;
  ticket_id: Id | null;
  reason: string;
  created_by_user_id: Id | null;
  created_at: Timestamp;
  released_at: Timestamp | null;
}

export interface PrivacyRetentionRunsTable {
  id: GeneratedId;
  started_at: Timestamp;
  finished_at: Timestamp;
  tickets_deleted: Generated<number>;
  tickets_anonymised: Generated<number>;
  tickets_held: Generated<number>;
  report: Json<Record<string, unknown>>;
}

// Intake intelligence: categorisation models, per-ticket predictions, settings.
export interface IntakeModelsTable {
  id: GeneratedId;
  trained_at: Timestamp;
  trained_by_user_id: Id | null;
  examples: number;
  categories: number;
  accuracy: number | null;
  training_ms: number;
  metrics: Json<Record<string, unknown>>;
  model: Buffer;
}

export interface TicketIntakeTable {
  ticket_id: Id;
  model_id: Id | null;
  predicted_category_id: Id | null;
  predicted_confidence: number | null;
  applied: Generated<boolean>;
  predicted_priority: string | null;
  language: string | null;
  sentiment: number | null;
  duplicate_of_id: Id | null;
  problem_id: Id | null;
  created_at: Timestamp;
}

export interface IntakeSettingsTable {
  id: Generated<number>;
  apply_threshold: Generated<number>;
  suggest_threshold: Generated<number>;
  duplicate_similarity: Generated<number>;
  spike_customers: Generated<number>;
  spike_window_minutes: Generated<number>;
  updated_at: Timestamp;
}
