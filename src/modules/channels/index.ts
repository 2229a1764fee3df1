export { channelRoutes } from './channels.routes.ts';
export { type ChannelsRuntime, startChannels } from './channels-runtime.ts';
export { maskCardNumbers } from './card-numbers.ts';
