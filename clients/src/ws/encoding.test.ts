import { pack } from "msgpackr";
import { describe, expect, it } from "vitest";
import {
  acceptedEncoding,
  decodeValue,
  encodeValue,
  offeredProtocols,
} from "./encoding.js";
import { AAPL_1 } from "./testing/fixtures.js";
import { useHarness } from "./testing/harness.js";

const setup = useHarness();

describe("wire encodings", () => {
  it("offers the subprotocols of an encoding best first and reads back the accepted one", () => {
    expect(offeredProtocols("auto")).toEqual([
      "tradewire.v1.msgpack",
      "tradewire.v1.json",
    ]);
    expect(offeredProtocols("json")).toEqual(["tradewire.v1.json"]);
    expect(offeredProtocols("msgpack")).toEqual(["tradewire.v1.msgpack"]);
    expect(acceptedEncoding("tradewire.v1.msgpack")).toBe("msgpack");
    expect(acceptedEncoding("tradewire.v1.json")).toBe("json");
    // A server that names no subprotocol speaks v1 JSON.
    expect(acceptedEncoding("")).toBe("json");
  });

  it("decodes MessagePack from an ArrayBuffer (browsers) or a Buffer (ws), and JSON text", () => {
    const frame = { type: "pong", id: 3, payload: { t: 1, serverTime: 2.5 } };
    const bytes = encodeValue(frame, "msgpack") as Uint8Array;
    const copy = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    );
    expect(decodeValue(copy)).toEqual(frame);
    expect(decodeValue(Buffer.from(pack(frame)))).toEqual(frame);
    expect(decodeValue(encodeValue(frame, "json"))).toEqual(frame);
    expect(() => decodeValue(new Uint8Array([0x92, 0x01]))).toThrow();
  });

  it("with auto, falls back to JSON on a server that accepts only tradewire.v1.json", async () => {
    const { server, client } = await setup({ encoding: "auto" });
    const sub = client.subscribe("bars", AAPL_1, () => undefined);
    client.connect();
    await expect(sub.ready).resolves.toBe(
      'bars:{"resolution":"1","symbol":"AAPL"}',
    );
    expect(server.framesOfType("bars.subscribe")).toHaveLength(1);
  });
});
