export * from "./generated/models";
export * from "./generated/channels";
export type { components, operations, paths } from "./generated/rest-types";
export type { ChannelDescriptor } from "./protocol/channel-descriptor";
export { buildTopic, canonicalJson, channelTopic } from "./protocol/topic";
export {
  DAY_MS,
  DAY_S,
  HOUR_MS,
  HOUR_S,
  MINUTE_MS,
  MINUTE_S,
  SECOND_MS,
  WEEK_MS,
  WEEK_S,
} from "./protocol/time";

export { TradewireClient, type ServerErrorListener } from "./ws/client";
export type { TokenSource, Timers, TradewireClientOptions } from "./ws/options";
export {
  backoffDelay,
  DEFAULT_BACKOFF,
  type BackoffOptions,
} from "./ws/backoff";
export { SubscribeError, type SubscribeErrorCode } from "./ws/errors";
export type { ClientStatus, ConnectionState, StateListener } from "./ws/state";
export type {
  ChannelData,
  ChannelParams,
  SubscribeOptions,
  Subscription,
  UpdateListener,
  UpdateMeta,
} from "./ws/types";
export type { ResyncEvent, ResyncSource, ResyncSources } from "./ws/resync";
export type { WebSocketConstructor, WebSocketLike } from "./ws/transport";
export {
  createRestClient,
  type RestClient,
  type RestClientOptions,
} from "./rest/rest-client";
export {
  executionsResync,
  type ExecutionsResyncOptions,
} from "./rest/executions-resync";
