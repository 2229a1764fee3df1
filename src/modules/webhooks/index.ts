export { webhookRoutes } from './webhooks.routes.ts';
export { registerWebhooks, webhookTicket } from './webhooks.jobs.ts';
export { publishWebhookEvent, sendToSubscription, webhookEventTypes, type WebhookEventType } from './webhook-delivery.ts';
export { signatureHeader, signPayload, verifySignature } from './webhook-signature.ts';
