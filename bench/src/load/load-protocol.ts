import type { Quantiles } from "../harness/stats";
import type { WireProtocol } from "../servers/server-kind";

/** Which sockets a load generator opens and what each subscribes to. */
export interface ConnectPlan {
  readonly url: string;
  readonly protocol: WireProtocol;
  readonly sockets: number;
  /** Global index of this generator's first socket, so several generators share one plan. */
  readonly firstSocket: number;
  readonly topicsPerSocket: number;
  /** Topics are spread evenly: topic t has sockets × topicsPerSocket / topicCount subscribers. */
  readonly topicCount: number;
  /** Every socket whose index is `pauseEvery - 1` modulo `pauseEvery` stops reading (0: none). */
  readonly pauseEvery: number;
  /** Subprotocol to ask for (`tradewire.v1.msgpack`); none: JSON. */
  readonly subprotocol?: string;
  /** Offer permessage-deflate. */
  readonly deflate?: boolean;
}

/** Orchestrator to load generator. */
export type LoadRequest =
  | ({ readonly cmd: "connect" } & ConnectPlan)
  | { readonly cmd: "window-start" }
  | { readonly cmd: "window-end" }
  | { readonly cmd: "close" };

/** What the sockets of one generator received during one measurement window. */
export interface WindowResult {
  readonly durationMs: number;
  /** Updates received by the sockets that keep reading. */
  readonly received: number;
  readonly latencyMs: Quantiles;
  /** CPU time of the load generator itself: near one core means the client, not the server, limits. */
  readonly cpuMicros: number;
  /** Time the generator's main thread waited for the CPU during the window, microseconds. */
  readonly waitMicros: number;
  /** Bytes the sockets read from the network during the window: frames as sent, headers included. */
  readonly bytesRead: number;
}

export interface LoadStatus {
  readonly open: number;
  readonly subscribed: number;
  readonly failed: number;
  readonly window: WindowResult | null;
}

/** The topics socket `socket` subscribes to: `topicsPerSocket` distinct ones, evenly spread. */
export function topicsOf(socket: number, plan: ConnectPlan): number[] {
  const step = Math.max(1, Math.floor(plan.topicCount / plan.topicsPerSocket));
  return Array.from(
    { length: plan.topicsPerSocket },
    (_, j) => (socket + j * step) % plan.topicCount,
  );
}
