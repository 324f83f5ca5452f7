import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./keyed-queue";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("KeyedQueue", () => {
  it("runs one account's work in order, one at a time, while other accounts run", async () => {
    const locks = new KeyedQueue();
    const log: string[] = [];
    const first = gate();
    const a1 = locks.run("a", async () => {
      log.push("a1 start");
      await first.opened;
      log.push("a1 end");
      return 1;
    });
    const a2 = locks.run("a", () => {
      log.push("a2");
      return Promise.resolve(2);
    });
    const b1 = locks.run("b", () => {
      log.push("b1");
      return Promise.resolve(3);
    });
    await b1;
    expect(log).toEqual(["a1 start", "b1"]);
    first.open();
    expect(await Promise.all([a1, a2])).toEqual([1, 2]);
    expect(log).toEqual(["a1 start", "b1", "a1 end", "a2"]);
  });

  it("keeps going after a failure, which reaches only its own caller", async () => {
    const locks = new KeyedQueue();
    const failed = locks.run("a", () => Promise.reject(new Error("boom")));
    const next = locks.run("a", () => Promise.resolve("ran"));
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ran");
  });
});
