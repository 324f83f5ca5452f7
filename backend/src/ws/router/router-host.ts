import type { FastifyBaseLogger } from "fastify";
import type { WsLimits } from "../config";
import type { TopicOwner, WsConnection } from "../connection/connection";
import type { WsMetrics } from "../metrics/metrics";
import type { Replier } from "../replies/replier";
import type { RequestId } from "../replies/replies";

/** What the gateway lends a router when it is registered. */
export interface RouterHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  readonly log: FastifyBaseLogger;
  /** Writes and counts every answer and error a router sends. */
  readonly replies: Replier;
}

/** A router of any channel, as the gateway and modules hold them. */
export interface RouteHandler extends TopicOwner {
  attach(host: RouterHost): void;
  subscribe(conn: WsConnection, payload: unknown, id: RequestId): Promise<void>;
  unsubscribe(conn: WsConnection, payload: unknown, id: RequestId): void;
  /** The channel's actions (`<route>.<action>`, besides subscribe and unsubscribe). */
  readonly actions: {
    has(action: string): boolean;
    run(
      conn: WsConnection,
      action: string,
      payload: unknown,
      id: RequestId,
    ): Promise<void>;
  };
  closeAll(): Promise<void>;
  readonly topicCount: number;
  readonly subscriptionCount: number;
}
