import type { ErrorCode } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { TopicError } from "../topics/topic-error";
import type { PreparedFrame } from "../wire/socket";
import { HeldLive, REPLAY_HOLD_MAX } from "./held-live";
import { REPLAY_PAGE_SIZE, replayThenLive, type ReplayRun } from "./replay";

interface Event {
  sequence: number;
}

/** A replay over a store holding sequences 1..`stored`, recording everything it is told. */
function fakeRun(
  stored: number,
  opts: { maxEvents?: number; failAt?: number; refuse?: TopicError } = {},
) {
  const log: string[] = [];
  const sent: number[] = [];
  const pages: [number, number][] = [];
  const run: ReplayRun<Event> = {
    held: new HeldLive(),
    maxEvents: opts.maxEvents ?? 100_000,
    page(after, limit) {
      pages.push([after, limit]);
      if (opts.refuse) return Promise.reject(opts.refuse);
      if (opts.failAt !== undefined && after >= opts.failAt)
        return Promise.reject(new Error("store down"));
      const events: Event[] = [];
      for (let s = after + 1; s <= stored && events.length < limit; s++)
        events.push({ sequence: s });
      return Promise.resolve(events);
    },
    cursorOf: (event) => event.sequence,
    send: (event) => sent.push(event.sequence),
    active: () => true,
    drained: () => {
      log.push(`drained after ${sent.length}`);
      return Promise.resolve();
    },
    answerOk: () => log.push("ok"),
    refuse: (code: ErrorCode, message: string) =>
      log.push(`refuse ${code}: ${message}`),
    abort: (code: ErrorCode, message: string) =>
      log.push(`abort ${code}: ${message}`),
    handover: (last) => log.push(`handover ${last}`),
    failed: () => log.push("failed"),
  };
  return { run, log, sent, pages };
}

const RESYNC_HINT =
  "subscribe again without `since` and read what you missed after your cursor over REST";

describe("replayThenLive", () => {
  it("reads the store page by page, each once the socket took the last, then hands over to live", async () => {
    const { run, log, sent, pages } = fakeRun(2 * REPLAY_PAGE_SIZE + 500);
    await replayThenLive(run, 0);
    expect(pages).toEqual([
      [0, REPLAY_PAGE_SIZE],
      [REPLAY_PAGE_SIZE, REPLAY_PAGE_SIZE],
      [2 * REPLAY_PAGE_SIZE, REPLAY_PAGE_SIZE],
    ]);
    expect(sent).toHaveLength(2 * REPLAY_PAGE_SIZE + 500);
    expect(sent[0]).toBe(1);
    expect(sent.at(-1)).toBe(2 * REPLAY_PAGE_SIZE + 500);
    expect(log).toEqual([
      "ok",
      `drained after ${REPLAY_PAGE_SIZE}`,
      `drained after ${2 * REPLAY_PAGE_SIZE}`,
      `handover ${2 * REPLAY_PAGE_SIZE + 500}`,
    ]);
  });

  it("starts after the cursor and answers ok even when nothing came after it", async () => {
    const { run, log, sent } = fakeRun(40);
    await replayThenLive(run, 40);
    expect(sent).toEqual([]);
    expect(log).toEqual(["ok", "handover 40"]);
  });

  it("refuses with RESYNC_REQUIRED before answering when more than the limit came after the cursor", async () => {
    const { run, log, sent, pages } = fakeRun(50, { maxEvents: 20 });
    await replayThenLive(run, 10);
    expect(pages).toEqual([[10, 21]]);
    expect(sent).toEqual([]);
    expect(log).toEqual([
      `refuse RESYNC_REQUIRED: more than 20 events after 10: ${RESYNC_HINT}`,
    ]);
  });

  it("refuses with the store's TopicError code when the first page cannot be read", async () => {
    const refusal = new TopicError(
      "INVALID_PARAMS",
      "since is ahead of the store",
    );
    const { run, log } = fakeRun(5, { refuse: refusal });
    await replayThenLive(run, 99);
    expect(log).toEqual(["refuse INVALID_PARAMS: since is ahead of the store"]);
  });

  it("stops with RESYNC_REQUIRED when the store fails part way, after sending what it read", async () => {
    const { run, log, sent } = fakeRun(3 * REPLAY_PAGE_SIZE, {
      failAt: REPLAY_PAGE_SIZE,
    });
    await replayThenLive(run, 0);
    expect(sent).toHaveLength(REPLAY_PAGE_SIZE);
    expect(log).toEqual([
      "ok",
      `drained after ${REPLAY_PAGE_SIZE}`,
      "failed",
      `abort RESYNC_REQUIRED: the replay stopped after ${REPLAY_PAGE_SIZE}: the store failed: ${RESYNC_HINT}`,
    ]);
  });
});

describe("HeldLive", () => {
  const frame: PreparedFrame = { byteLength: 1, write: () => undefined };

  it("holds live frames in order while the replay is read", () => {
    const held = new HeldLive();
    held.hold(7, frame);
    held.hold(8, frame);
    expect(held.frames.map((f) => f.cursor)).toEqual([7, 8]);
    expect(held.caughtUp(0)).toBe(true);
  });

  it("past REPLAY_HOLD_MAX drops what it held and keeps reading until the store reaches the live cursor", () => {
    const held = new HeldLive();
    for (let c = 1; c <= REPLAY_HOLD_MAX + 5; c++) held.hold(c, frame);
    expect(held.overflowed).toBe(true);
    expect(held.frames).toEqual([]);
    expect(held.liveMax).toBe(REPLAY_HOLD_MAX + 5);
    expect(held.caughtUp(REPLAY_HOLD_MAX)).toBe(false);
    expect(held.caughtUp(REPLAY_HOLD_MAX + 5)).toBe(true);
  });
});
