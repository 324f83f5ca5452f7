import type { ErrorCode } from "@tradewire/client";
import type { PreparedFrame } from "../wire/socket";
import { TopicError } from "../topics/topic-error";

/** Events read from the store per page of a replay. */
export const REPLAY_PAGE_SIZE = 1000;
/** Live frames held back per replaying socket; past it they are dropped and read from the store instead. */
export const REPLAY_HOLD_MAX = 10_000;
/** Reads in a row that find nothing new while the live feed is ahead of the store, before giving up. */
const MAX_STALLS = 5;
const STALL_WAIT_MS = 20;

/**
 * Live frames of a topic held back from one socket while its replay is read, so that the replay
 * and then these are delivered with no gap and no duplicate. Past REPLAY_HOLD_MAX they are
 * dropped, keeping only the highest cursor seen: the store has them too (it is written before the
 * feed publishes), so the replay reads on until it has caught up with that cursor.
 */
export class HeldLive {
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
}

/** What one socket's replay needs from its router. */
export interface ReplayRun<Data> {
  readonly held: HeldLive;
  /** Most events the replay may send (WS_REPLAY_MAX_EVENTS). */
  readonly maxEvents: number;
  /** Up to `limit` events after `after`, oldest first. */
  page(after: number, limit: number): Promise<readonly Data[]>;
  cursorOf(event: Data): number;
  /** Sends one replayed event through the socket's outbound budget. */
  send(event: Data): void;
  /** The socket is open and still subscribed. */
  active(): boolean;
  /** Resolves when the socket has taken what it was sent (or closed). */
  drained(): Promise<void>;
  answerOk(): void;
  /** Before the answer: the subscribe is refused with `code`. */
  refuse(code: ErrorCode, message: string): void;
  /** After `ok`: the replay stops part way; the client is told with an error frame. */
  abort(code: ErrorCode, message: string): void;
  /** Caught up: stop holding and deliver held frames after `last`, synchronously. */
  handover(last: number): void;
  /** A store failure, for the log. */
  failed(err: unknown): void;
}

/**
 * Replay every event after `since`, page by page, each page sent once the socket has taken the
 * previous one, then hand over to live updates. The subscribe is answered after the first page is
 * read, so a cursor the store cannot serve is refused before anything is sent. Where the replay
 * cannot be completed (more than `maxEvents`, the store failing part way, a live feed the store
 * never catches up with) the client is told RESYNC_REQUIRED: nothing is ever skipped silently.
 */
export async function replayThenLive<Data>(
  run: ReplayRun<Data>,
  since: number,
): Promise<void> {
  const resync = (what: string): string =>
    `${what}: subscribe again without \`since\` and read what you missed after your cursor over REST`;
  let limit = Math.min(REPLAY_PAGE_SIZE, run.maxEvents + 1);
  let events: readonly Data[];
  try {
    events = await run.page(since, limit);
  } catch (err) {
    if (err instanceof TopicError) run.refuse(err.code, err.message);
    else {
      run.failed(err);
      run.refuse("TOPIC_UNAVAILABLE", `cannot replay after ${since} right now`);
    }
    return;
  }
  if (!run.active()) return;
  if (events.length > run.maxEvents) {
    run.refuse(
      "RESYNC_REQUIRED",
      resync(`more than ${run.maxEvents} events after ${since}`),
    );
    return;
  }
  run.answerOk();
  let last = since;
  let sent = 0;
  let stalls = 0;
  for (;;) {
    const before = last;
    for (const event of events) {
      const cursor = run.cursorOf(event);
      if (!(cursor > last)) continue;
      last = cursor;
      sent += 1;
      run.send(event);
    }
    if (!run.active()) return;
    const held = run.held;
    const more = events.length >= limit;
    if (!more && (!held.overflowed || last >= held.liveMax)) {
      run.handover(last);
      return;
    }
    if (!more) {
      stalls = last > before ? 0 : stalls + 1;
      if (stalls >= MAX_STALLS) {
        run.abort(
          "RESYNC_REQUIRED",
          resync(
            `the replay stopped after ${last}: the store is behind the live feed`,
          ),
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, STALL_WAIT_MS));
    }
    await run.drained();
    if (!run.active()) return;
    limit = Math.min(REPLAY_PAGE_SIZE, run.maxEvents - sent + 1);
    try {
      events = await run.page(last, limit);
    } catch (err) {
      run.failed(err);
      run.abort(
        "RESYNC_REQUIRED",
        resync(`the replay stopped after ${last}: the store failed`),
      );
      return;
    }
    if (!run.active()) return;
    if (sent + events.length > run.maxEvents) {
      run.abort(
        "RESYNC_REQUIRED",
        resync(
          `the replay stopped after ${last}: more than ${run.maxEvents} events after ${since}`,
        ),
      );
      return;
    }
  }
}
