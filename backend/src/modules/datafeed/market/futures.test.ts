import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import {
  contractExpiry,
  futuresListings,
  quarterlyContracts,
  thirdFriday,
} from "./futures";

const tickersAt = (referenceMs: number) =>
  quarterlyContracts("ES", referenceMs).map((c) => c.ticker);

describe("quarterly contracts", () => {
  it("finds the third Friday of a month", () => {
    expect(thirdFriday(2026, 12)).toBe(Date.UTC(2026, 11, 18));
    expect(thirdFriday(2027, 3)).toBe(Date.UTC(2027, 2, 19));
    // A month starting on a Friday: the 1st, 8th, 15th.
    expect(thirdFriday(2027, 1)).toBe(Date.UTC(2027, 0, 15));
  });

  it("expires at 08:30 Chicago time, in CST or CDT", () => {
    expect(contractExpiry(2026, 12)).toBe(Date.UTC(2026, 11, 18, 14, 30));
    expect(contractExpiry(2027, 3)).toBe(Date.UTC(2027, 2, 19, 13, 30));
  });

  it("lists the front and next quarterly contract with H, M, U, Z codes", () => {
    expect(tickersAt(Date.UTC(2026, 0, 10))).toEqual(["ESH6", "ESM6"]);
    expect(tickersAt(Date.UTC(2026, 3, 1))).toEqual(["ESM6", "ESU6"]);
    expect(tickersAt(Date.UTC(2026, 6, 31))).toEqual(["ESU6", "ESZ6"]);
    expect(tickersAt(Date.UTC(2026, 10, 26))).toEqual(["ESZ6", "ESH7"]);
  });

  it("rolls to the next contract the moment the front one expires", () => {
    const expiry = Date.UTC(2026, 11, 18, 14, 30);
    expect(tickersAt(expiry - 1)).toEqual(["ESZ6", "ESH7"]);
    expect(tickersAt(expiry)).toEqual(["ESH7", "ESM7"]);
    expect(tickersAt(Date.UTC(2026, 11, 31))).toEqual(["ESH7", "ESM7"]);
  });

  it("rolls the catalog with it", () => {
    const before = buildCatalog(Date.UTC(2026, 11, 18, 14, 29));
    const after = buildCatalog(Date.UTC(2026, 11, 18, 14, 30));
    expect(findSymbol(before, "ESZ6")).toBeDefined();
    expect(findSymbol(after, "ESZ6")).toBeUndefined();
    expect(findSymbol(after, "NQM7")?.description).toBe(
      "E-mini Nasdaq-100 Futures (Jun 2027)",
    );
  });

  it("gives a contract the same parameters whenever the catalog is built", () => {
    const early = futuresListings(Date.UTC(2026, 9, 1));
    const late = futuresListings(Date.UTC(2026, 11, 1));
    const esh7 = (list: typeof early) => list.find((e) => e.ticker === "ESH7");
    expect(esh7(early)).toEqual(esh7(late));
  });

  it("prices the next contract a quarter's carry above the front, on the tick grid", () => {
    const list = futuresListings(Date.UTC(2026, 10, 26));
    const [front, next] = list.map((e) => e.sim.initialPrice);
    expect(front).toBe(6850);
    expect(next).toBeCloseTo(6850 * 1.0075, 0);
    expect(((next ?? 0) * 4) % 1).toBe(0);
    // Both contracts of a root draw from one random stream, so they move together.
    expect(list.map((e) => e.sim.stream)).toEqual([
      "ES",
      "ES",
      "ES",
      "NQ",
      "NQ",
      "NQ",
    ]);
  });
});
