import { describe, expect, it } from "vitest";
import { effectScope, nextTick, ref } from "vue";
import type { Stream, StreamError } from "../services/stream";
import { feed } from "./feed";

/** A stream the test drives by hand, counting its live subscribers. */
function manualStream<T>() {
  const listeners = new Set<(value: T) => void>();
  const failures = new Set<(error: StreamError) => void>();
  const stream: Stream<T> = {
    subscribe(listener, onError) {
      listeners.add(listener);
      if (onError) failures.add(onError);
      return () => {
        listeners.delete(listener);
        if (onError) failures.delete(onError);
      };
    },
  };
  return {
    stream,
    emit: (value: T) => listeners.forEach((l) => l(value)),
    fail: (error: StreamError) => failures.forEach((f) => f(error)),
    get subscribers() {
      return listeners.size;
    },
  };
}

describe("feed", () => {
  it("applies every value until stopped, and stopping twice is harmless", () => {
    const source = manualStream<number>();
    const seen: number[] = [];
    const stop = feed(source.stream, (v) => seen.push(v));
    source.emit(1);
    source.emit(2);
    stop();
    stop();
    source.emit(3);
    expect(seen).toEqual([1, 2]);
    expect(source.subscribers).toBe(0);
  });

  it("passes a refusal to onError", () => {
    const source = manualStream<number>();
    const errors: string[] = [];
    feed(
      source.stream,
      () => undefined,
      (e) => errors.push(e.code),
    );
    source.fail({ code: "UNAUTHORIZED", message: "no session" });
    expect(errors).toEqual(["UNAUTHORIZED"]);
  });

  it("unsubscribes when the scope that started it ends (a component unmounting)", () => {
    const source = manualStream<number>();
    const seen: number[] = [];
    const scope = effectScope();
    scope.run(() => feed(source.stream, (v) => seen.push(v)));
    source.emit(1);
    scope.stop();
    source.emit(2);
    expect(seen).toEqual([1]);
    expect(source.subscribers).toBe(0);
  });

  it("follows a getter: the old stream stops before the new one starts, null means none", async () => {
    const a = manualStream<string>();
    const b = manualStream<string>();
    const which = ref<"a" | "b" | null>("a");
    const seen: string[] = [];
    const stop = feed(
      () => (which.value === null ? null : { a, b }[which.value].stream),
      (v) => seen.push(v),
    );
    a.emit("a1");
    which.value = "b";
    await nextTick();
    expect([a.subscribers, b.subscribers]).toEqual([0, 1]);
    a.emit("a2");
    b.emit("b1");
    which.value = null;
    await nextTick();
    expect([a.subscribers, b.subscribers]).toEqual([0, 0]);
    which.value = "a";
    await nextTick();
    stop();
    which.value = "b";
    await nextTick();
    expect([a.subscribers, b.subscribers]).toEqual([0, 0]);
    expect(seen).toEqual(["a1", "b1"]);
  });
});
