import { describe, expect, it } from "vitest";
import type { WsConnection } from "./connection";
import { SlowSockets } from "./slow-sockets";

/** A slow socket that drains after `flushes` flushes. */
function slowConn(flushes: number) {
  let left = flushes;
  return { flushPending: () => --left <= 0 } as unknown as WsConnection;
}

describe("SlowSockets", () => {
  it("flushes each slow socket until it has drained, then forgets it", () => {
    const slow = new SlowSockets();
    slow.add(slowConn(1));
    slow.add(slowConn(3));
    slow.drain();
    expect(slow.size).toBe(1);
    slow.drain();
    expect(slow.size).toBe(1);
    slow.drain();
    expect(slow.size).toBe(0);
    slow.stop();
  });

  it("forgets a socket that closed while slow", () => {
    const slow = new SlowSockets();
    const conn = slowConn(10);
    slow.add(conn);
    slow.delete(conn);
    expect(slow.size).toBe(0);
    slow.stop();
  });
});
