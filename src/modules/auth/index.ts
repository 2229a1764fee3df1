export { authRoutes } from './auth.routes.ts';
export { issueToken } from './auth.service.ts';
export { portalRoutes } from './portal.routes.ts';
export { sealPlainSecrets as registerSecurityWork } from './stored-secrets.ts';
