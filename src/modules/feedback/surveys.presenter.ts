import { iso } from '../../platform/schemas.ts';
import type { PublicSurvey, SurveyKind, SurveyView } from './feedback.schemas.ts';
import { scales } from './feedback.schemas.ts';
import type { AnswerRow, SurveyRow } from './surveys.repository.ts';

/** The question each kind asks, with the words at both ends of its scale. */
export const questionPrompts: Record<SurveyKind, { prompt: string; low: string; high: string }> = {
  csat: { prompt: 'How satisfied are you with the support you received?', low: 'Very dissatisfied', high: 'Very satisfied' },
  nps: { prompt: 'How likely are you to recommend us to a friend or colleague?', low: 'Not at all likely', high: 'Extremely likely' },
  ces: { prompt: 'How easy was it to get your issue resolved?', low: 'Very difficult', high: 'Very easy' },
};

export function presentAnswer(row: AnswerRow) {
  return {
    kind: row.kind,
    score: row.score,
    comment: row.comment,
    answered_at: iso(row.answered_at) as string,
    updated_at: iso(row.updated_at) as string,
    changes: row.changes,
  };
}

export function presentSurvey(row: SurveyRow, answers: AnswerRow[]): SurveyView {
  return {
    id: row.id,
    ticket_id: row.ticket_id,
    customer_id: row.customer_id,
    recipient: row.recipient,
    questions: row.questions,
    via: row.via,
    status: row.status,
    skip_reason: row.skip_reason,
    agent_id: row.agent_id,
    group_id: row.group_id,
    channel: row.channel,
    category_id: row.category_id,
    scheduled_for: iso(row.scheduled_for) as string,
    sent_at: iso(row.sent_at),
    expires_at: iso(row.expires_at),
    created_at: iso(row.created_at) as string,
    answers: answers.filter((a) => a.survey_id === row.id).map(presentAnswer),
  };
}

export function presentPublicSurvey(row: SurveyRow, subject: string, agentName: string | null, answers: AnswerRow[]): PublicSurvey {
  return {
    survey_id: row.id,
    ticket: { number: row.ticket_id, subject },
    // Only the first name: the customer knows who helped them, the link must not leak more.
    agent_name: agentName ? (agentName.split(/\s+/)[0] ?? null) : null,
    questions: row.questions.map((kind) => ({ kind, prompt: questionPrompts[kind].prompt, min: scales[kind].min, max: scales[kind].max })),
    answers: answers.map(presentAnswer),
    expires_at: iso(row.expires_at) as string,
  };
}
