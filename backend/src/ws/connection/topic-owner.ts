import type { WsConnection } from "./connection";

/** The router side of a subscription: what to call when the socket goes away. */
export interface TopicOwner {
  readonly route: string;
  release(conn: WsConnection, topicId: string): void;
}
