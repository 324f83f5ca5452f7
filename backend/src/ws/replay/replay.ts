import type { ErrorCode } from "@tradewire/client";
import { TopicError } from "../topics/topic-error";
import type { HeldLive } from "./held-live";

export { REPLAY_HOLD_MAX } from "./held-live";

/** Events read from the store per page of a replay. */
export const REPLAY_PAGE_SIZE = 1000;
/** Reads in a row that find nothing new while the live feed is ahead of the store, before giving up. */
const MAX_STALLS = 5;
const STALL_WAIT_MS = 20;

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

/** Where one replay is: the page in hand and what has been sent. */
interface Progress<Data> {
  readonly since: number;
  events: readonly Data[];
  limit: number;
  last: number;
  sent: number;
  stalls: number;
}

const resync = (what: string): string =>
  `${what}: subscribe again without \`since\` and read what you missed after your cursor over REST`;

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
  const first = await firstPage(run, since);
  if (first === null) return;
  run.answerOk();
  const p: Progress<Data> = {
    ...first,
    since,
    last: since,
    sent: 0,
    stalls: 0,
  };
  for (;;) {
    const before = p.last;
    sendPage(run, p);
    if (!run.active()) return;
    const more = p.events.length >= p.limit;
    if (!more && run.held.caughtUp(p.last)) {
      run.handover(p.last);
      return;
    }
    if (!more && !(await waitForStore(run, p, before))) return;
    if (!(await nextPage(run, p))) return;
  }
}

/** The first page, read before the subscribe is answered; null once the subscribe is refused. */
async function firstPage<Data>(
  run: ReplayRun<Data>,
  since: number,
): Promise<{ events: readonly Data[]; limit: number } | null> {
  const limit = Math.min(REPLAY_PAGE_SIZE, run.maxEvents + 1);
  let events: readonly Data[];
  try {
    events = await run.page(since, limit);
  } catch (err) {
    if (err instanceof TopicError) run.refuse(err.code, err.message);
    else {
      run.failed(err);
      run.refuse("TOPIC_UNAVAILABLE", `cannot replay after ${since} right now`);
    }
    return null;
  }
  if (!run.active()) return null;
  if (events.length > run.maxEvents) {
    const what = `more than ${run.maxEvents} events after ${since}`;
    run.refuse("RESYNC_REQUIRED", resync(what));
    return null;
  }
  return { events, limit };
}

/** Send the events of the page past the last cursor sent (pages overlap live frames, not each other). */
function sendPage<Data>(run: ReplayRun<Data>, p: Progress<Data>): void {
  for (const event of p.events) {
    const cursor = run.cursorOf(event);
    if (!(cursor > p.last)) continue;
    p.last = cursor;
    p.sent += 1;
    run.send(event);
  }
}

/**
 * The store has no more yet the live feed is ahead of it: wait a little for the store to catch up,
 * giving up after MAX_STALLS reads in a row that found nothing new. False once aborted.
 */
async function waitForStore<Data>(
  run: ReplayRun<Data>,
  p: Progress<Data>,
  before: number,
): Promise<boolean> {
  p.stalls = p.last > before ? 0 : p.stalls + 1;
  if (p.stalls >= MAX_STALLS) {
    const what = `the replay stopped after ${p.last}: the store is behind the live feed`;
    run.abort("RESYNC_REQUIRED", resync(what));
    return false;
  }
  await new Promise((resolve) => setTimeout(resolve, STALL_WAIT_MS));
  return true;
}

/** Read the next page once the socket has taken the last one; false once the replay is over. */
async function nextPage<Data>(
  run: ReplayRun<Data>,
  p: Progress<Data>,
): Promise<boolean> {
  await run.drained();
  if (!run.active()) return false;
  p.limit = Math.min(REPLAY_PAGE_SIZE, run.maxEvents - p.sent + 1);
  try {
    p.events = await run.page(p.last, p.limit);
  } catch (err) {
    run.failed(err);
    const what = `the replay stopped after ${p.last}: the store failed`;
    run.abort("RESYNC_REQUIRED", resync(what));
    return false;
  }
  if (!run.active()) return false;
  if (p.sent + p.events.length > run.maxEvents) {
    const what = `the replay stopped after ${p.last}: more than ${run.maxEvents} events after ${p.since}`;
    run.abort("RESYNC_REQUIRED", resync(what));
    return false;
  }
  return true;
}
