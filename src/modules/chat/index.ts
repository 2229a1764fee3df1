export { chatRoutes } from './chat.routes.ts';
export { botResolution, postMessage, startConversation, acceptConversation, endConversation } from './chat.service.ts';
