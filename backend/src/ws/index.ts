/**
 * The realtime core's one door. Modules, adapters, the app factory and generated routers import
 * the core from here and nowhere else (make lint enforces it), so its rooms can be rearranged
 * without touching them.
 */
export { requestValidator, updateSerializer } from "./wire/codecs";
export type { RequestValidator, UpdateSerializer } from "./wire/codecs";
export {
  WsGateway,
  type ConnectionCredentials,
  type GatewayOptions,
} from "./gateway/gateway";
export {
  BINARY_FRAME,
  TEXT_FRAME,
  textFrames,
  type CoreSocket,
  type FrameEncoder,
  type PeerInfo,
  type PreparedFrame,
} from "./wire/socket";
export {
  jsonCodec,
  MAX_CODEC_SLOTS,
  type OutboundUpdate,
  type WireCodec,
} from "./wire/codec";
export { msgpackCodec } from "./wire/msgpack-codec";
export type { WsConnection } from "./connection/connection";
export { TopicError } from "./topics/topic-error";
export type {
  TopicRef,
  TopicUpdate,
  WsRouteService,
} from "./topics/route-service";
export {
  WsRouter,
  type RouteHandler,
  type WsRouterOptions,
} from "./router/ws-router";
export {
  bindAction,
  type ActionBinding,
  type ActionCaller,
  type ActionOutcome,
} from "./router/actions";
export { REPLAY_HOLD_MAX, REPLAY_PAGE_SIZE } from "./replay/replay";
export { DEFAULT_WS_LIMITS, readWsLimits, type WsLimits } from "./config";
