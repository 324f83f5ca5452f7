import { describe, expect, it } from "vitest";
import {
  admitUpdate,
  newStream,
  resetBaseline,
  type SequenceTraits,
} from "./sequence.js";

const orders: SequenceTraits = { gapDetection: true, cursorField: null };
const bars: SequenceTraits = { gapDetection: false, cursorField: null };
const executions: SequenceTraits = {
  gapDetection: true,
  cursorField: "sequence",
};

describe("admitUpdate", () => {
  it("takes the first update after a confirmation as the baseline, whatever its seq", () => {
    const stream = newStream(undefined);
    expect(admitUpdate(stream, orders, 41, {})).toEqual({
      deliver: true,
      resubscribe: false,
    });
    expect(stream.lastSeq).toBe(41);
  });

  it("delivers snapshot repeats (seq <= last) and keeps the baseline", () => {
    const stream = newStream(undefined);
    admitUpdate(stream, orders, 7, {});
    expect(admitUpdate(stream, orders, 7, {}).deliver).toBe(true);
    expect(admitUpdate(stream, orders, 5, {}).deliver).toBe(true);
    expect(stream.lastSeq).toBe(7);
    expect(admitUpdate(stream, orders, 8, {})).toEqual({
      deliver: true,
      resubscribe: false,
    });
  });

  it("asks once for a resubscribe on a gap and delivers the update", () => {
    const stream = newStream(undefined);
    admitUpdate(stream, orders, 1, {});
    expect(admitUpdate(stream, orders, 3, {})).toEqual({
      deliver: true,
      resubscribe: true,
    });
    expect(admitUpdate(stream, orders, 6, {})).toEqual({
      deliver: true,
      resubscribe: false,
    });
    resetBaseline(stream);
    admitUpdate(stream, orders, 6, {});
    expect(admitUpdate(stream, orders, 9, {}).resubscribe).toBe(true);
  });

  it("does not treat skipped seqs on a conflated channel as loss", () => {
    const stream = newStream(undefined);
    admitUpdate(stream, bars, 1, {});
    expect(admitUpdate(stream, bars, 10, {})).toEqual({
      deliver: true,
      resubscribe: false,
    });
    expect(stream.lastSeq).toBe(10);
  });

  it("holds back cursor-channel updates from a gap until the replay is confirmed", () => {
    const stream = newStream(undefined);
    admitUpdate(stream, executions, 1, { sequence: 10 });
    expect(admitUpdate(stream, executions, 3, { sequence: 12 })).toEqual({
      deliver: false,
      resubscribe: true,
    });
    expect(admitUpdate(stream, executions, 4, { sequence: 13 })).toEqual({
      deliver: false,
      resubscribe: false,
    });
    expect(stream.cursor).toBe(10);
    resetBaseline(stream);
    expect(admitUpdate(stream, executions, 4, { sequence: 10 }).deliver).toBe(
      false,
    );
    expect(admitUpdate(stream, executions, 4, { sequence: 11 }).deliver).toBe(
      true,
    );
    expect(stream.cursor).toBe(11);
  });

  it("starts the cursor from the `since` the caller subscribed with", () => {
    const stream = newStream(20);
    expect(admitUpdate(stream, executions, 5, { sequence: 20 }).deliver).toBe(
      false,
    );
    expect(admitUpdate(stream, executions, 5, { sequence: 21 }).deliver).toBe(
      true,
    );
  });
});
