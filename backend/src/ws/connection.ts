import { CloseCode } from "@tradewire/client";
import type { WsLimits } from "../config";
import type { WsMetrics } from "./metrics";
import { TEXT_FRAME, type CoreSocket, type PreparedFrame } from "./socket";
import type { TokenBucket } from "./token-bucket";

/** Who the socket belongs to, from its token; null for an anonymous connection. */
export interface ConnectionAuth {
  readonly userId: string;
  readonly accountId: string;
  /** The token's `jti`: what logout revokes. */
  readonly tokenId: string;
  /** Epoch milliseconds at which the token stops being valid. */
  readonly expiresAt: number;
}

/** The router side of a subscription: what to call when the socket goes away. */
export interface TopicOwner {
  readonly route: string;
  release(conn: WsConnection, topicId: string): void;
}

export interface ConnectionHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  /** The socket has conflated frames waiting for its buffer to drain. */
  markSlow(conn: WsConnection): void;
}

/** One client socket: its subscriptions, its inbound rate limit and its outbound backpressure. */
export class WsConnection {
  readonly subscriptions = new Map<string, TopicOwner>();
  /** Subscribes accepted but still waiting for their topic to be created. */
  reserved = 0;
  /** Cleared by each heartbeat, set again by the peer's pong. */
  alive = true;
  open = true;
  private pending: Map<string, PreparedFrame> | null = null;

  constructor(
    readonly id: number,
    readonly socket: CoreSocket,
    readonly auth: ConnectionAuth | null,
    readonly bucket: TokenBucket,
    private readonly host: ConnectionHost,
  ) {}

  get accountId(): string | null {
    return this.auth?.accountId ?? null;
  }

  /** Responses, errors, snapshots: small and addressed to this socket alone. */
  send(frame: string | Buffer): void {
    if (this.open) this.socket.send(frame, TEXT_FRAME);
  }

  /**
   * A conflatable update: while the socket is slow only the newest frame per slot (topic, or
   * topic and key) waits for it; older ones are replaced and counted. The socket turns slow when a
   * write leaves more than the slow limit unsent; reading the buffer right after the write finds
   * it in cache, which keeps the check nearly free on the fan-out loop.
   */
  deliverConflatable(
    slot: string,
    frame: PreparedFrame,
    channel: string,
  ): void {
    if (!this.open) return;
    if (this.pending !== null) {
      // Re-inserting moves the slot to the end, so what is flushed stays in seq order.
      if (this.pending.delete(slot))
        this.host.metrics.conflated.inc({ channel });
      this.pending.set(slot, frame);
      return;
    }
    frame.write(this.socket);
    if (this.socket.bufferedAmount > this.host.limits.slowBufferBytes) {
      this.pending = new Map();
      this.host.markSlow(this);
    }
  }

  /**
   * An update that must not be lost: it is queued however slow the socket is, until the queue
   * passes the hard limit; then the socket is closed with 4000 so the client resubscribes and
   * gets a fresh snapshot instead of a silent hole.
   */
  deliverReliable(frame: PreparedFrame): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > this.host.limits.maxBufferBytes) {
      this.closeAsSlowConsumer();
      return;
    }
    frame.write(this.socket);
  }

  /** Send what conflation kept once the buffer has drained; true when nothing is left waiting. */
  flushPending(): boolean {
    if (this.pending === null || !this.open) return true;
    if (this.socket.bufferedAmount > this.host.limits.slowBufferBytes)
      return false;
    const frames = this.pending;
    this.pending = null;
    for (const frame of frames.values()) frame.write(this.socket);
    return true;
  }

  get pendingCount(): number {
    return this.pending?.size ?? 0;
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.pending = null;
    this.socket.close(code, reason);
  }

  private closeAsSlowConsumer(): void {
    this.host.metrics.slowConsumerCloses.inc();
    this.host.metrics.droppedFrames.inc(1 + this.pendingCount);
    this.close(
      CloseCode.SlowConsumer,
      "slow consumer: resubscribe to get a fresh snapshot",
    );
  }
}
