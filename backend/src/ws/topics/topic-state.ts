import type { WsConnection } from "../connection/connection";
import type { PreparedFrame } from "../wire/socket";
import type { TopicRef } from "./route-service";

/** One live topic of a router: its subscribers, its `seq`, and where it is in its life. */
export interface TopicState<Req> {
  readonly ref: TopicRef<Req>;
  /** The topic as a JSON string, spliced into every update frame. */
  readonly topicJson: string;
  readonly subscribers: Set<WsConnection>;
  seq: number;
  phase: "creating" | "live" | "removing" | "failed";
  /** Subscribes waiting for this topic to be created; it is not removed while any wait. */
  waiters: number;
  ready: Promise<void>;
  removed: Promise<void> | null;
  /** Cursor channels: live frames held back from sockets whose replay is still being read. */
  replaying: Map<WsConnection, LiveHold> | null;
}

/** Where fan-out puts a live frame for a socket whose replay is still being read (replay/). */
export interface LiveHold {
  hold(cursor: number, frame: PreparedFrame): void;
}
