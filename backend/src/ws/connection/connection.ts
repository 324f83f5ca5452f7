import { CloseCode } from "@tradewire/client";
import type { ConnectionAuth } from "../../auth/identity";
import type { WsLimits } from "../config";
import type { WsMetrics } from "../metrics/metrics";
import { OutboundQueue } from "./outbound-queue";
import {
  FrameRun,
  PongFrame,
  WaitingText,
  type CoreSocket,
  type PeerInfo,
  type PreparedFrame,
} from "../wire/socket";
import type { TokenBucket } from "../admission/token-bucket";
import type { UpdateFrames, WireCodec } from "../wire/codec";
import type { TickCorks } from "./tick-corks";
import type { TopicOwner } from "./topic-owner";

export type { TopicOwner } from "./topic-owner";

export interface ConnectionHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  /** Sockets written to in this tick, corked until it ends. */
  readonly corks: TickCorks;
  /** The socket has frames waiting for its buffer to drain. */
  markSlow(conn: WsConnection): void;
}

/**
 * One client socket: its subscriptions, its inbound rate limit and its outbound budget. Every
 * byte the server sends it goes through one of the methods below, which write straight to the
 * socket while it keeps up. Once more than WS_SLOW_BUFFER_BYTES waits in the socket, frames wait
 * in its queue instead (conflated updates and snapshots replaced by newer ones, everything else in
 * order), and once the socket's buffer and its queue together pass WS_MAX_BUFFER_BYTES the socket
 * is closed with 4000, whatever was being sent. Writes of one tick are corked together
 * (`tick-corks.ts`): what a socket gets in one tick leaves in one write.
 */
export class WsConnection {
  readonly subscriptions = new Map<string, TopicOwner>();
  /** Subscribes accepted but still waiting for their topic to be created. */
  reserved = 0;
  open = true;
  /** Liveness (see liveness.ts): the payload of the ping not echoed yet, and the last check's readings. */
  pingPayload: Buffer | null = null;
  consumedMark = 0;
  backlogMark = 0;
  /** The heartbeat at which the server started closing the socket; 0 while open. */
  closingSince = 0;
  /** Corked until the end of this tick (`TickCorks`). */
  corked = false;
  private queue: OutboundQueue | null = null;

  constructor(
    readonly id: number,
    readonly socket: CoreSocket,
    readonly auth: ConnectionAuth | null,
    readonly bucket: TokenBucket,
    readonly peer: PeerInfo,
    private readonly host: ConnectionHost,
    /** How this socket's frames are encoded, chosen when it opened. */
    readonly codec: WireCodec,
  ) {}

  get requestId(): string | undefined {
    return this.peer.requestId;
  }

  get accountId(): string | null {
    return this.auth?.accountId ?? null;
  }

  /** Output waiting for this socket: its own buffer plus its queue. */
  get backlogBytes(): number {
    return this.socket.bufferedAmount + (this.queue?.bytes ?? 0);
  }

  get queuedFrames(): number {
    return this.queue?.size ?? 0;
  }

  /** An answer, an error, a pong or a replayed event: addressed to this socket alone. */
  send(text: string): void {
    if (!this.open) return;
    if (this.queue !== null) {
      this.enqueue(new WaitingText(text, (t) => this.codec.text(t)));
      return;
    }
    this.write(this.codec.text(text));
    this.afterWrite();
  }

  /** The protocol pong to the peer's ping, within the same budget. */
  sendPong(data: Buffer): void {
    if (!this.open) return;
    if (this.queue !== null) {
      this.enqueue(new PongFrame(data));
      return;
    }
    if (!this.corked) this.host.corks.hold(this);
    this.socket.pong(data);
    this.afterWrite();
  }

  /**
   * A subscriber's snapshot of one topic. What the socket cannot take now waits as one run; a
   * newer snapshot of the same topic replaces a run still waiting, so a client re-subscribing
   * faster than it reads gets the newest state once instead of every copy.
   */
  sendSnapshot(topicId: string, texts: readonly string[]): void {
    const codec = this.codec;
    let i = 0;
    for (; i < texts.length && this.queue === null && this.open; i++) {
      this.write(codec.text(texts[i] as string));
      this.afterWrite();
    }
    const queue = this.queue;
    if (i === texts.length || !this.open || queue === null) return;
    const rest = new FrameRun(
      texts.slice(i).map((text) => new WaitingText(text, (t) => codec.text(t))),
    );
    if (queue.replace(`\u0001${topicId}`, rest))
      this.host.metrics.coalescedSnapshots.inc();
    this.checkBudget(queue);
  }

  /**
   * A conflatable update: while the socket is slow only the newest frame per slot (topic, or
   * topic and key) waits for it; older ones are replaced and counted. What waits is the update's
   * `whole` form when it has one (a delta replaced in the queue would lose its values). Reading
   * the buffer right after the write finds it in cache, which keeps the check nearly free on the
   * fan-out loop.
   */
  deliverConflatable(
    slot: string,
    frame: PreparedFrame,
    channel: string,
    whole: UpdateFrames | null = null,
  ): void {
    if (!this.open) return;
    const queue = this.queue;
    if (queue !== null) {
      if (queue.replace(slot, whole === null ? frame : whole.for(this.codec)))
        this.host.metrics.conflated.inc({ channel });
      this.checkBudget(queue);
      return;
    }
    this.write(frame);
    this.afterWrite();
  }

  /**
   * An update that must not be lost: it waits however slow the socket is, until the socket is
   * past the hard limit; then it is closed with 4000 so the client resubscribes and gets a fresh
   * snapshot instead of a silent hole.
   */
  deliverReliable(frame: PreparedFrame): void {
    if (!this.open) return;
    if (this.queue !== null) {
      this.enqueue(frame);
      return;
    }
    this.write(frame);
    this.afterWrite();
  }

  /** Write what waits while the socket keeps below the slow limit; true when nothing is left. */
  flushPending(): boolean {
    const queue = this.queue;
    if (queue === null) return true;
    if (!queue.flush(this.socket, this.host.limits.slowBufferBytes))
      return false;
    this.queue = null;
    queue.wakeWaiters();
    return true;
  }

  /** Resolves once nothing waits in the queue and the socket's buffer is below the slow limit, or it closes. */
  whenDrained(): Promise<void> {
    const queue = this.queue;
    if (!this.open || queue === null) return Promise.resolve();
    return new Promise((resolve) => queue.waiters.push(resolve));
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.markClosed();
    this.socket.close(code, reason);
  }

  /** The socket is gone, closed by either side: nothing more is written or waited for. */
  markClosed(): void {
    const queue = this.queue;
    this.open = false;
    this.queue = null;
    queue?.wakeWaiters();
  }

  /** Past the hard limit, or shed to keep the process within its budget. */
  closeAsSlowConsumer(reason = "slow consumer"): void {
    if (!this.open) return;
    this.host.metrics.slowConsumerCloses.inc();
    this.host.metrics.droppedFrames.inc(1 + this.queuedFrames);
    this.close(
      CloseCode.SlowConsumer,
      `${reason}: resubscribe to get a fresh snapshot`,
    );
  }

  private write(frame: PreparedFrame): void {
    if (!this.corked) this.host.corks.hold(this);
    frame.write(this.socket);
  }

  /**
   * Past the slow limit, queue. Frames corked in this tick count in the socket's buffer though
   * the operating system was never offered them: hand them over first, and queue only if the
   * socket still holds more than the limit.
   */
  private afterWrite(): void {
    const slow = this.host.limits.slowBufferBytes;
    if (this.socket.bufferedAmount <= slow) return;
    if (this.corked) {
      this.host.corks.release(this);
      if (this.socket.bufferedAmount <= slow) return;
    }
    this.startQueue();
  }

  private startQueue(): void {
    this.queue = new OutboundQueue();
    this.host.markSlow(this);
  }

  private enqueue(frame: PreparedFrame): void {
    const queue = this.queue as OutboundQueue;
    queue.push(frame);
    this.checkBudget(queue);
  }

  private checkBudget(queue: OutboundQueue): void {
    if (
      this.socket.bufferedAmount + queue.bytes >
      this.host.limits.maxBufferBytes
    )
      this.closeAsSlowConsumer();
  }
}
