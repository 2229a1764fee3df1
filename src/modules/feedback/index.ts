export { feedbackRoutes } from './feedback.routes.ts';
export { registerFeedbackWork } from './feedback.jobs.ts';
export { surveyResults } from './survey-results.ts';
export { getSurveySettings } from './survey-settings.ts';
export { answerSurvey, isBadScore, offerSurvey, sendSurveyJob, followUpJob } from './surveys.service.ts';
export type { SurveyKind, SurveySettings, ResultRow } from './feedback.schemas.ts';
