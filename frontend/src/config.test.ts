import { describe, expect, it } from "vitest";
import { simulationMode, socketUrls } from "./config";

describe("simulationMode", () => {
  it.each([
    [undefined, "", "off"],
    ["1", "", "all"],
    ["broker", "", "broker"],
    [undefined, "?simulation=1", "all"],
    [undefined, "?simulation=broker", "broker"],
    ["1", "?simulation=0", "off"],
    ["0", "?simulation=all", "all"],
    ["1", "?simulation=nonsense", "all"],
  ])("VITE_SIMULATION=%s with %j selects %s", (env, search, mode) => {
    expect(simulationMode({ simulation: env }, search)).toBe(mode);
  });

  it.each([
    [{ fallback: "1" }, "", "all"],
    [{}, "?fallback=1", "all"],
    [{}, "?fallback=broker", "broker"],
    [{ fallback: "1" }, "?fallback=0", "off"],
    [{ simulation: "broker", fallback: "1" }, "", "broker"],
    [{}, "?simulation=off&fallback=1", "off"],
  ])(
    "still reads the earlier names: env %j with %j selects %s",
    (env, search, mode) => {
      expect(simulationMode(env, search)).toBe(mode);
    },
  );
});

describe("socketUrls", () => {
  const page = { protocol: "https:", host: "terminal.example" };

  it("is the page's own socket when VITE_WS_URLS is unset or blank", () => {
    expect(socketUrls(undefined, page)).toEqual([
      "wss://terminal.example/api/v1/ws",
    ]);
    expect(
      socketUrls(" , ", { protocol: "http:", host: "127.0.0.1:5173" }),
    ).toEqual(["ws://127.0.0.1:5173/api/v1/ws"]);
  });

  it("lists VITE_WS_URLS in order, trimmed", () => {
    expect(
      socketUrls(
        " wss://a.example/api/v1/ws, wss://b.example/api/v1/ws ",
        page,
      ),
    ).toEqual(["wss://a.example/api/v1/ws", "wss://b.example/api/v1/ws"]);
  });

  it("refuses an entry that is not a ws:// or wss:// URL, naming it", () => {
    expect(() =>
      socketUrls("wss://a.example/api/v1/ws,https://b.example/api/v1/ws", page),
    ).toThrow(
      'VITE_WS_URLS: "https://b.example/api/v1/ws" is not a ws:// or wss:// URL',
    );
  });
});
