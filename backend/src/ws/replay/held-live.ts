import type { LiveHold } from "../topics/topic-state";
import type { PreparedFrame } from "../wire/socket";

/** Live frames held back per replaying socket; past it they are dropped and read from the store instead. */
export const REPLAY_HOLD_MAX = 10_000;

/**
 * Live frames of a topic held back from one socket while its replay is read, so that the replay
 * and then these are delivered with no gap and no duplicate. Past REPLAY_HOLD_MAX they are
 * dropped, keeping only the highest cursor seen: the store has them too (it is written before the
 * feed publishes), so the replay reads on until it has caught up with that cursor.
 */
export class HeldLive implements LiveHold {
  frames: { readonly cursor: number; readonly frame: PreparedFrame }[] = [];
  liveMax = Number.NEGATIVE_INFINITY;
  overflowed = false;

  hold(cursor: number, frame: PreparedFrame): void {
    if (cursor > this.liveMax) this.liveMax = cursor;
    if (this.overflowed) return;
    if (this.frames.length >= REPLAY_HOLD_MAX) {
      this.overflowed = true;
      this.frames = [];
      return;
    }
    this.frames.push({ cursor, frame });
  }

  /** Whether a replay that has sent up to `last` has nothing left to read from the store. */
  caughtUp(last: number): boolean {
    return !this.overflowed || last >= this.liveMax;
  }
}
