import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/** The default QA scorecard: the seeds' 15–25 item rubric (empathy, communication, resolution, process). */
const defaultScorecard = {
  sections: [
    {
      key: 'tone',
      title: 'Opening and tone',
      items: [
        { key: 'greeting', label: 'Greets the customer by name and personalises the reply', weight: 1, max_score: 2 },
        { key: 'empathy', label: "Shows empathy: acknowledges the customer's situation and feelings", weight: 2, max_score: 2 },
        { key: 'positive_language', label: 'Uses positive language (what can be done, not what cannot)', weight: 1, max_score: 2 },
        { key: 'professional', label: 'Kind and professional throughout, keeps self-control', weight: 1, max_score: 2 },
      ],
    },
    {
      key: 'understanding',
      title: 'Understanding the issue',
      items: [
        { key: 'active_listening', label: 'Listens actively: restates the issue correctly', weight: 2, max_score: 2 },
        {
          key: 'clarifying_questions',
          label: 'Asks the right clarifying questions at once (no needless back-and-forth)',
          weight: 1,
          max_score: 2,
          allow_na: true,
        },
        { key: 'customer_history', label: "Checks the customer's history and earlier tickets", weight: 1, max_score: 1 },
      ],
    },
    {
      key: 'resolution',
      title: 'Resolution',
      items: [
        { key: 'correct_solution', label: 'Gives a correct and complete solution', weight: 3, max_score: 2 },
        { key: 'first_contact', label: 'Resolves on first contact where possible', weight: 2, max_score: 1, allow_na: true },
        { key: 'knowledge_base', label: 'Uses and links knowledge-base articles', weight: 1, max_score: 1, allow_na: true },
        {
          key: 'escalation',
          label: 'Escalates to the right tier, only when needed, with the context attached',
          weight: 2,
          max_score: 1,
          allow_na: true,
        },
        { key: 'proactive', label: 'Proactive: anticipates the next question', weight: 1, max_score: 2 },
        { key: 'next_steps', label: 'Sets clear expectations and next steps', weight: 1, max_score: 2 },
      ],
    },
    {
      key: 'communication',
      title: 'Communication',
      items: [
        { key: 'clarity', label: 'Clear, concise and well-structured', weight: 2, max_score: 2 },
        { key: 'grammar', label: 'Correct spelling and grammar', weight: 1, max_score: 1 },
        { key: 'persuasion', label: 'Reassures and persuades where a decision must be accepted', weight: 1, max_score: 2, allow_na: true },
        { key: 'responsiveness', label: 'Responds within the SLA targets', weight: 1, max_score: 1 },
      ],
    },
    {
      key: 'process',
      title: 'Process and compliance',
      items: [
        { key: 'categorisation', label: 'Accurate category and tags at intake', weight: 1, max_score: 1 },
        { key: 'internal_notes', label: 'Internal notes document the work done', weight: 1, max_score: 1, allow_na: true },
        { key: 'policy', label: 'Follows policy on concessions, refunds and warranty', weight: 2, max_score: 1, allow_na: true },
        {
          key: 'identity_verification',
          label: 'Verifies identity before any account change',
          weight: 1,
          max_score: 1,
          allow_na: true,
          auto_fail: true,
        },
        {
          key: 'data_protection',
          label: 'Protects personal and payment data (no card numbers or passwords in the conversation)',
          weight: 1,
          max_score: 1,
          auto_fail: true,
        },
      ],
    },
  ],
};

export async function up(db: Kysely<any>): Promise<void> {
  // Surveys: the keys that sign one-click rating links (the newest signs; any verifies).
  await db.schema
    .createTable('survey_signing_keys')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('survey_signing_keys')
    .values({ secret: randomBytes(32).toString('base64url') })
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('recipient', 'text')
    .addColumn('questions', sql`text[]`, (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('email', 'portal', 'chat')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'sent', 'answered', 'skipped')`))
    .addColumn('skip_reason', 'text')
    .addColumn('agent_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category_id', 'bigint', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_customer_idx').on('surveys').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('surveys_ticket_idx').on('surveys').column('ticket_id').execute();

  // One answer per survey and question; changing the rating updates it (first_score keeps the original).
  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('survey_id', 'bigint', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('csat', 'nps', 'ces')`))
    .addColumn('score', 'smallint', (c) => c.notNull())
    .addColumn('first_score', 'smallint', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('agent_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category_id', 'bigint', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('changes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('follow_up_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('survey_answers_one_per_question', ['survey_id', 'kind'])
    .addCheckConstraint(
      'survey_answers_score_range',
      sql`(kind = 'csat' and score between 1 and 5) or (kind = 'nps' and score between 0 and 10) or (kind = 'ces' and score between 1 and 7)`,
    )
    .execute();
  await db.schema.createIndex('survey_answers_answered_idx').on('survey_answers').columns(['kind', 'answered_at']).execute();
  await db.schema.createIndex('survey_answers_agent_idx').on('survey_answers').columns(['agent_id', 'answered_at']).execute();
  await db.schema.createIndex('survey_answers_ticket_idx').on('survey_answers').column('ticket_id').execute();

  // QA scorecards: a scorecard's versions are frozen documents; a review keeps the version it used.
  await db.schema
    .createTable('qa_scorecards')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('qa_scorecard_versions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('scorecard_id', 'bigint', (c) => c.notNull().references('qa_scorecards.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('pass_score', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('qa_scorecard_versions_unique', ['scorecard_id', 'version'])
    .execute();

  await db.schema
    .createTable('qa_calibrations')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('scorecard_version_id', 'bigint', (c) => c.notNull().references('qa_scorecard_versions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`))
    .addColumn('reference_reviewer_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('qa_calibration_participants')
    .addColumn('calibration_id', 'bigint', (c) => c.notNull().references('qa_calibrations.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('qa_calibration_participants_pk', ['calibration_id', 'reviewer_id'])
    .execute();

  await db.schema
    .createTable('qa_reviews')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('agent_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scorecard_version_id', 'bigint', (c) => c.notNull().references('qa_scorecard_versions.id'))
    .addColumn('calibration_id', 'bigint', (c) => c.references('qa_calibrations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn('score', 'double precision')
    .addColumn('auto_failed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('passed', 'boolean')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('qa_reviews_agent_idx').on('qa_reviews').columns(['agent_id', 'submitted_at']).execute();
  await db.schema.createIndex('qa_reviews_ticket_idx').on('qa_reviews').column('ticket_id').execute();
  await db.schema
    .createIndex('qa_reviews_one_per_calibration')
    .on('qa_reviews')
    .columns(['calibration_id', 'reviewer_id'])
    .unique()
    .where(sql.ref('calibration_id'), 'is not', null)
    .execute();
  await db.schema
    .createTable('qa_review_answers')
    .addColumn('review_id', 'bigint', (c) => c.notNull().references('qa_reviews.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('score', 'smallint')
    .addColumn('not_applicable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('qa_review_answers_pk', ['review_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('qa_disputes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('review_id', 'bigint', (c) => c.notNull().references('qa_reviews.id').onDelete('cascade'))
    .addColumn('agent_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'accepted', 'rejected')`))
    .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('qa_disputes_one_open')
    .on('qa_disputes')
    .column('review_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();

  // Sampling: rules pick conversations for review each week; picks wait in reviewers' queues.
  await db.schema
    .createTable('qa_sampling_rules')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('random_per_agent', 'low_csat', 'escalated', 'new_hires')`))
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('qa_queue_items')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().unique().references('tickets.id').onDelete('cascade'))
    .addColumn('agent_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('rule_id', 'bigint', (c) => c.references('qa_sampling_rules.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('week', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'done', 'skipped')`))
    .addColumn('review_id', 'bigint', (c) => c.references('qa_reviews.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qa_queue_items_reviewer_idx').on('qa_queue_items').columns(['reviewer_id', 'status', 'id']).execute();

  // Coaching: weekly 1:1s with notes, linked reviews and goals.
  await db.schema
    .createTable('qa_coaching_sessions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('agent_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('coach_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('private_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('review_ids', sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qa_coaching_sessions_agent_idx').on('qa_coaching_sessions').columns(['agent_id', 'held_on']).execute();
  await db.schema
    .createTable('qa_coaching_goals')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('agent_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id', 'bigint', (c) => c.references('qa_coaching_sessions.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'achieved', 'dropped')`))
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The defaults: the seeds' rubric as scorecard version 1, and the four sampling rules of the issue.
  const now = new Date();
  const scorecard = await db
    .insertInto('qa_scorecards')
    .values({
      name: 'Support conversation',
      description: 'Default rubric for email, chat and call reviews: tone, understanding, resolution, communication, compliance.',
      is_default: true,
      current_version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('qa_scorecard_versions')
    .values({ scorecard_id: scorecard.id, version: 1, definition: JSON.stringify(defaultScorecard), pass_score: 80, created_at: now })
    .execute();
  await db
    .insertInto('qa_sampling_rules')
    .values([
      { name: 'Random per agent', kind: 'random_per_agent', params: JSON.stringify({ per_agent: 3 }), created_at: now, updated_at: now },
      { name: 'Every low CSAT', kind: 'low_csat', params: JSON.stringify({ max_score: 2 }), created_at: now, updated_at: now },
      { name: 'Every escalation', kind: 'escalated', params: JSON.stringify({}), created_at: now, updated_at: now },
      {
        name: 'New hires more often',
        kind: 'new_hires',
        params: JSON.stringify({ per_agent: 3, tenure_days: 90 }),
        created_at: now,
        updated_at: now,
      },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'qa_coaching_goals',
    'qa_coaching_sessions',
    'qa_queue_items',
    'qa_sampling_rules',
    'qa_disputes',
    'qa_review_answers',
    'qa_reviews',
    'qa_calibration_participants',
    'qa_calibrations',
    'qa_scorecard_versions',
    'qa_scorecards',
    'survey_answers',
    'surveys',
    'survey_signing_keys',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
