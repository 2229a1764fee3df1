export { qaRoutes } from './qa.routes.ts';
export { registerQaWork, weeklySamplingJob } from './qa.jobs.ts';
export { scoreReview, type ScorecardDefinition, type ReviewScore } from './qa-scoring.ts';
export { agentTrend } from './coaching.service.ts';
