export { automationRoutes } from './automation.routes.ts';
export { detectAndNotify, detectJob, registerAutomation } from './automation.jobs.ts';
export { runAutomations, scanJob } from './automation-scan.ts';
