import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildTopic, canonicalJson } from "./topic.js";

interface Vector {
  name: string;
  route: string;
  params: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  topic: string;
}
const { vectors } = JSON.parse(
  readFileSync(
    new URL("../../../specs/test-vectors/topics.json", import.meta.url),
    "utf8",
  ),
) as { vectors: Vector[] };

describe("buildTopic against the shared vectors", () => {
  it("has vectors to run", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
  });
  for (const v of vectors) {
    it(v.name, () => {
      expect(buildTopic(v.route, v.params, v.defaults)).toBe(v.topic);
    });
  }
});

describe("canonicalJson", () => {
  it("does not depend on the order keys were inserted in", () => {
    expect(canonicalJson({ b: { y: 1, x: 2 }, a: [3, { d: 4, c: 5 }] })).toBe(
      canonicalJson({ a: [3, { c: 5, d: 4 }], b: { x: 2, y: 1 } }),
    );
  });
  it("leaves out undefined properties, as the wire would", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
  it("rejects values JSON cannot carry instead of writing null", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});
