import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_WATCHLIST_SYMBOLS } from "../../src/modules/workspace/limits";

const MARKET_STORE = new URL(
  "../../../frontend/src/stores/market.ts",
  import.meta.url,
);

describe("the default watchlist", () => {
  it("holds the same symbols, in the same order, as the terminal's DEFAULT_WATCHLIST", () => {
    // Read as text: the backend never imports the terminal's code.
    const source = readFileSync(MARKET_STORE, "utf8");
    const literal = /export const DEFAULT_WATCHLIST = \[([^\]]*)\]/.exec(
      source,
    );
    expect(literal, "DEFAULT_WATCHLIST not found in market.ts").not.toBeNull();
    const symbols = [...(literal?.[1] ?? "").matchAll(/"([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(symbols.length).toBeGreaterThan(0);
    expect([...DEFAULT_WATCHLIST_SYMBOLS]).toEqual(symbols);
  });
});
