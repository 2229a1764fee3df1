export { privacyRoutes } from './privacy.routes.ts';
export { registerPrivacyWork, runRetention } from './retention.service.ts';
export { eraseCustomer, exportCustomer, erasureReference, compactAfterErasure } from './privacy.service.ts';
