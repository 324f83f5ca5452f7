export * from "./generated/models.js";
export * from "./generated/channels.js";
export type { components, operations, paths } from "./generated/rest-types.js";
export type { ChannelDescriptor } from "./protocol/channel-descriptor.js";
export { buildTopic, canonicalJson, channelTopic } from "./protocol/topic.js";
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
} from "./protocol/time.js";

export { TradewireClient, type ServerErrorListener } from "./ws/client.js";
export type {
  TokenSource,
  Timers,
  TradewireClientOptions,
} from "./ws/options.js";
export {
  backoffDelay,
  DEFAULT_BACKOFF,
  type BackoffOptions,
} from "./ws/backoff.js";
export { SubscribeError, type SubscribeErrorCode } from "./ws/errors.js";
export type { ActionName, ActionRequest } from "./ws/actions.js";
export type { Endpoint, EndpointListener } from "./ws/endpoints.js";
export type {
  ClientStatus,
  ConnectionState,
  StateListener,
} from "./ws/state.js";
export type {
  ChannelData,
  ChannelParams,
  SubscribeOptions,
  Subscription,
  UpdateListener,
  UpdateMeta,
} from "./ws/types.js";
export type { ResyncEvent, ResyncSource, ResyncSources } from "./ws/resync.js";
export type { WebSocketConstructor, WebSocketLike } from "./ws/transport.js";
export {
  MSGPACK_PACK_OPTIONS,
  MSGPACK_UNPACK_OPTIONS,
  WS_PROTOCOLS,
  type WireEncoding,
} from "./ws/encoding.js";
export { fallbackWebSocket, type TransportName } from "./ws/fallback.js";
export { SseSocket, sseUrlFor, type FetchLike } from "./ws/sse-transport.js";
export {
  createRestClient,
  type RestClient,
  type RestClientOptions,
} from "./rest/rest-client.js";
export {
  executionsResync,
  type ExecutionsResyncOptions,
} from "./rest/executions-resync.js";
