/**
 * The realtime core's one door. Modules, adapters, the app factory and generated routers import
 * the core from here and nowhere else (make lint enforces it), so its rooms can be rearranged
 * without touching them.
 */
export { requestValidator, updateSerializer } from "./codecs";
export type { RequestValidator, UpdateSerializer } from "./codecs";
export {
  WsGateway,
  type ConnectionCredentials,
  type GatewayOptions,
} from "./gateway";
export {
  TEXT_FRAME,
  textFrames,
  type CoreSocket,
  type FrameEncoder,
  type PeerInfo,
  type PreparedFrame,
} from "./socket";
export { TopicError } from "./topic-error";
export type { TopicRef, TopicUpdate, WsRouteService } from "./ws-route-service";
export { WsRouter, type RouteHandler, type WsRouterOptions } from "./ws-router";
export { DEFAULT_WS_LIMITS, readWsLimits, type WsLimits } from "./config";
