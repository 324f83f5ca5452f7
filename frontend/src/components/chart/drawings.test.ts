import { describe, expect, it } from "vitest";
import {
  addDrawing,
  drawingAt,
  makeDrawing,
  MAX_DRAWINGS,
  parseDrawings,
  removeDrawing,
  serializeDrawings,
  type Drawing,
} from "./drawings";

const h = (id: string, price: number): Drawing =>
  makeDrawing("horizontal", [{ time: 1_700_000_000, price }], id)!;

describe("drawings model", () => {
  it("makes a horizontal from one point and a trend from two", () => {
    expect(h("a", 101.5)).toEqual({
      id: "a",
      kind: "horizontal",
      points: [{ time: 1_700_000_000, price: 101.5 }],
      color: "#4c8dff",
    });
    const trend = makeDrawing("trend", [
      { time: 10.4, price: 1 },
      { time: 20, price: 2 },
    ]);
    expect(trend?.points).toEqual([
      { time: 10, price: 1 },
      { time: 20, price: 2 },
    ]);
    expect(trend?.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(makeDrawing("trend", [{ time: 10, price: 1 }])).toBeNull();
    expect(makeDrawing("horizontal", [{ time: -1, price: 1 }])).toBeNull();
    expect(makeDrawing("horizontal", [{ time: 1, price: 2e9 }])).toBeNull();
    expect(makeDrawing("horizontal", [{ time: 1, price: NaN }])).toBeNull();
  });

  it("adds, replaces by id and removes", () => {
    const one = addDrawing([], h("a", 1))!;
    const two = addDrawing(one, h("b", 2))!;
    expect(two.map((d) => d.id)).toEqual(["a", "b"]);
    expect(addDrawing(two, h("a", 3))!.map((d) => d.points[0]!.price)).toEqual([
      2, 3,
    ]);
    expect(removeDrawing(two, "a").map((d) => d.id)).toEqual(["b"]);
    expect(removeDrawing(two, "zzz")).toHaveLength(2);
  });

  it("keeps at most the spec's 100 per symbol", () => {
    let list: Drawing[] = [];
    for (let i = 0; i < MAX_DRAWINGS; i += 1)
      list = addDrawing(list, h(`d${i}`, i))!;
    expect(list).toHaveLength(100);
    expect(addDrawing(list, h("extra", 1))).toBeNull();
  });

  it("serializes and parses back, dropping what the spec would refuse", () => {
    const list = [
      h("a", 1),
      makeDrawing(
        "trend",
        [
          { time: 1, price: 1 },
          { time: 2, price: 3 },
        ],
        "t",
      )!,
    ];
    expect(parseDrawings(JSON.parse(serializeDrawings(list)))).toEqual(list);
    expect(
      parseDrawings([
        { id: "bad id!", kind: "horizontal", points: [{ time: 1, price: 1 }] },
        { id: "x", kind: "circle", points: [{ time: 1, price: 1 }] },
        { id: "y", kind: "trend", points: [{ time: 1, price: 1 }] },
        {
          id: "z",
          kind: "horizontal",
          points: [{ time: 1, price: 1 }],
          color: "red",
        },
        null,
      ]),
    ).toEqual([
      {
        id: "z",
        kind: "horizontal",
        points: [{ time: 1, price: 1 }],
        color: "#4c8dff",
      },
    ]);
    expect(parseDrawings("nope")).toEqual([]);
    expect(
      parseDrawings(Array.from({ length: 150 }, (_, i) => h(`d${i}`, i))),
    ).toHaveLength(100);
  });

  it("finds the drawing under the pointer", () => {
    const trend = makeDrawing(
      "trend",
      [
        { time: 0, price: 0 },
        { time: 100, price: 100 },
      ],
      "t",
    )!;
    const list = [h("h", 50), trend];
    // Screen: x = time, y = 200 - price.
    const project = (p: { time: number; price: number }) => ({
      x: p.time,
      y: 200 - p.price,
    });
    const priceToY = (price: number) => 200 - price;
    expect(drawingAt(list, { x: 500, y: 152 }, project, priceToY)).toBe("h");
    expect(drawingAt(list, { x: 50, y: 148 }, project, priceToY)).toBe("t");
    // Beyond the trend's end: only the horizontal spans there.
    expect(drawingAt(list, { x: 300, y: 0 }, project, priceToY)).toBeNull();
    expect(drawingAt(list, { x: 10, y: 120 }, project, priceToY)).toBeNull();
  });
});
