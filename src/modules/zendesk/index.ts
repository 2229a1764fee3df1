export { zendeskRoutes, ZENDESK_PREFIX } from './zendesk.routes.ts';
export { priorityFromZendesk, priorityToZendesk, statusFromZendesk, statusToZendesk, translateSearch } from './zendesk.mapping.ts';
