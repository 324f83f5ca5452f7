import { describe, expect, it } from "vitest";
import { refusalOf } from "../../test/support/config-refusal";
import { envReader } from "../env";
import { DEFAULT_WS_DEFLATE, readWsDeflate } from "./ws-deflate-config";

const read = (variables: NodeJS.ProcessEnv) =>
  readWsDeflate(envReader(variables));

describe("permessage-deflate settings (WS_DEFLATE*)", () => {
  it("is off by default, with documented limits", () => {
    expect(read({})).toEqual({
      enabled: false,
      thresholdBytes: 256,
      windowBits: 12,
      memLevel: 8,
      level: 6,
    });
    expect(read({})).toEqual(DEFAULT_WS_DEFLATE);
  });

  it("reads every variable", () => {
    expect(
      read({
        WS_DEFLATE: "on",
        WS_DEFLATE_THRESHOLD: "1024",
        WS_DEFLATE_WINDOW_BITS: "15",
        WS_DEFLATE_MEM_LEVEL: "9",
        WS_DEFLATE_LEVEL: "1",
      }),
    ).toEqual({
      enabled: true,
      thresholdBytes: 1024,
      windowBits: 15,
      memLevel: 9,
      level: 1,
    });
    expect(read({ WS_DEFLATE: "OFF" }).enabled).toBe(false);
  });

  it("refuses values it cannot use, naming the variable", () => {
    expect(refusalOf(() => read({ WS_DEFLATE: "yes" })).message).toContain(
      "WS_DEFLATE",
    );
    expect(
      refusalOf(() => read({ WS_DEFLATE_WINDOW_BITS: "8" })).message,
    ).toContain("WS_DEFLATE_WINDOW_BITS");
    expect(
      refusalOf(() => read({ WS_DEFLATE_MEM_LEVEL: "10" })).message,
    ).toContain("WS_DEFLATE_MEM_LEVEL");
  });
});
