export { intakeRoutes } from './intake.routes.ts';
export { registerIntakeWork, retrainJob } from './intake.jobs.ts';
export { trainModel, type TrainingResult } from './train-model.ts';
export { getModelStatus, getTicketIntake, listVolumeAlerts } from './intake.service.ts';
export { detectLanguage, frustrationScore, urgencyPriority } from './text-signals.ts';
