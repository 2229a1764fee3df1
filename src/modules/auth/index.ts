export { authRoutes } from './auth.routes.ts';
export { issueToken } from './auth.service.ts';
