import type { CoreSocket, PreparedFrame } from "../wire/socket";

/**
 * The frames a slow socket has not been handed yet, in the order they will be written. Entries
 * under a slot (a conflated topic and key, one topic's snapshot) are replaced by a newer one, which
 * moves to the end: what is written stays in order, only superseded frames are skipped. Every
 * other entry is unique and waits its turn.
 */
export class OutboundQueue {
  private readonly entries = new Map<string | number, PreparedFrame>();
  private nextKey = 0;
  /** Bytes waiting here, on top of what the socket itself buffers. */
  bytes = 0;
  /** Woken once this queue is drained or its socket closes (`WsConnection.whenDrained`). */
  readonly waiters: (() => void)[] = [];

  get size(): number {
    return this.entries.size;
  }

  push(frame: PreparedFrame): void {
    this.entries.set(this.nextKey++, frame);
    this.bytes += frame.byteLength;
  }

  /** Put `frame` last under `slot`; true when it replaced one still waiting there. */
  replace(slot: string, frame: PreparedFrame): boolean {
    const old = this.entries.get(slot);
    if (old !== undefined) {
      this.entries.delete(slot);
      this.bytes -= old.byteLength;
    }
    this.entries.set(slot, frame);
    this.bytes += frame.byteLength;
    return old !== undefined;
  }

  /**
   * Write entries in order while the socket's own buffer is at most `threshold`; true once none
   * are left.
   */
  flush(socket: CoreSocket, threshold: number): boolean {
    for (const [key, frame] of this.entries) {
      if (socket.bufferedAmount > threshold) return false;
      this.entries.delete(key);
      this.bytes -= frame.byteLength;
      frame.write(socket);
    }
    return true;
  }

  wakeWaiters(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
