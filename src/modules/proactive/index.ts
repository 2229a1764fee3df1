export { proactiveRoutes } from './proactive.routes.ts';
