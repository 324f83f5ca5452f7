import { describe, expect, it } from "vitest";
import type { CoreSocket, PreparedFrame } from "../wire/socket";
import { OutboundQueue } from "./outbound-queue";

/** A frame that records its name into the socket it is written to. */
function frame(name: string, byteLength: number): PreparedFrame {
  return {
    byteLength,
    write: (socket) => (socket as FakeSocket).written.push(name),
  };
}

interface FakeSocket extends CoreSocket {
  written: string[];
  bufferedAmount: number;
}

function fakeSocket(bufferedAmount = 0): FakeSocket {
  return {
    written: [],
    bufferedAmount,
    send: () => undefined,
    close: () => undefined,
    terminate: () => undefined,
    ping: () => undefined,
    pong: () => undefined,
  };
}

describe("OutboundQueue", () => {
  it("keeps unique frames in order and counts their bytes", () => {
    const queue = new OutboundQueue();
    queue.push(frame("a", 10));
    queue.push(frame("b", 20));
    expect(queue.size).toBe(2);
    expect(queue.bytes).toBe(30);
    const socket = fakeSocket();
    expect(queue.flush(socket, 100)).toBe(true);
    expect(socket.written).toEqual(["a", "b"]);
    expect(queue.bytes).toBe(0);
  });

  it("replaces a frame waiting under the same slot, which moves to the end", () => {
    const queue = new OutboundQueue();
    expect(queue.replace("AAPL", frame("aapl-1", 100))).toBe(false);
    queue.push(frame("order", 50));
    expect(queue.replace("AAPL", frame("aapl-2", 120))).toBe(true);
    expect(queue.bytes).toBe(170);
    const socket = fakeSocket();
    queue.flush(socket, 1_000);
    expect(socket.written).toEqual(["order", "aapl-2"]);
  });

  it("stops writing once the socket's own buffer is past the threshold, and resumes later", () => {
    const socket = fakeSocket();
    // Each write fills the socket's buffer by 40 bytes in this fake.
    const grow = (f: PreparedFrame): PreparedFrame => ({
      byteLength: f.byteLength,
      write: (s) => {
        f.write(s);
        (s as FakeSocket).bufferedAmount += 40;
      },
    });
    const slow = new OutboundQueue();
    for (const name of ["a", "b", "c"]) slow.push(grow(frame(name, 10)));
    expect(slow.flush(socket, 50)).toBe(false);
    expect(socket.written).toEqual(["a", "b"]);
    expect(slow.size).toBe(1);
    expect(slow.bytes).toBe(10);
    socket.bufferedAmount = 0;
    expect(slow.flush(socket, 50)).toBe(true);
    expect(socket.written).toEqual(["a", "b", "c"]);
  });
});
