export { returnRoutes } from './returns.routes.ts';
