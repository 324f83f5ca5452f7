import type { IChartApi, ISeriesApi, SeriesType } from "lightweight-charts";
import { describe, expect, it } from "vitest";
import { DraggableLines } from "./draggableLines";

interface Item {
  readonly id: string;
  readonly price: number;
  readonly fixed?: boolean;
}

/** A price pane where y = 1000 - price (so price 100 is 900 px down), with real price lines. */
function pane() {
  const lines = new Set<{ price: number }>();
  const series = {
    priceToCoordinate: (p: number) => 1000 - p,
    coordinateToPrice: (y: number) => 1000 - y,
    createPriceLine: (o: { price: number }) => {
      const line = {
        price: o.price,
        options: () => ({ price: line.price }),
        applyOptions: (next: { price?: number }) => {
          if (next.price !== undefined) line.price = next.price;
        },
      };
      lines.add(line);
      return line;
    },
    removePriceLine: (line: { price: number }) => lines.delete(line),
  } as unknown as ISeriesApi<SeriesType>;
  const chart = { applyOptions: () => {} } as unknown as IChartApi;
  const container = document.createElement("div");
  document.body.append(container);
  const moves: [string, number][] = [];
  const set = new DraggableLines<Item>(
    chart,
    series,
    container,
    {
      update: (d) => ({ price: d.price }),
      create: () => ({}),
      draggable: (d) => !d.fixed,
    },
    (id, price) => moves.push([id, price]),
  );
  const pointer = (type: string, y: number) => {
    const e = new PointerEvent(type, {
      clientY: y,
      pointerId: 1,
      button: 0,
      bubbles: true,
      cancelable: true,
    });
    container.dispatchEvent(e);
    return e;
  };
  return { set, lines, moves, pointer, container };
}

describe("DraggableLines", () => {
  it("reports the level a line is dropped at, and keeps it there", () => {
    const p = pane();
    p.set.set([{ id: "a", price: 100 }]);
    expect(p.pointer("pointerdown", 902).defaultPrevented).toBe(true);
    p.pointer("pointermove", 850);
    p.pointer("pointerup", 850);
    expect(p.moves).toEqual([["a", 150]]);
    expect(p.set.drawn().map((d) => d.price)).toEqual([150]);
  });

  it("puts a line back when the drag is cancelled, reporting nothing", () => {
    const p = pane();
    p.set.set([{ id: "a", price: 100 }]);
    p.pointer("pointerdown", 900);
    p.pointer("pointermove", 700);
    p.pointer("pointercancel", 700);
    expect(p.moves).toEqual([]);
    expect(p.set.drawn().map((d) => d.price)).toEqual([100]);
  });

  it("grabs nothing further than 6 px away, nor a fixed line, nor a pointer taken first", () => {
    const p = pane();
    p.set.set([
      { id: "a", price: 100 },
      { id: "pos", price: 300, fixed: true },
    ]);
    expect(p.pointer("pointerdown", 907).defaultPrevented).toBe(false);
    expect(p.pointer("pointerdown", 700).defaultPrevented).toBe(false);
    // Another set of lines (registered earlier) took this pointer: it arrives cancelled.
    const taken = new PointerEvent("pointerdown", {
      clientY: 900,
      pointerId: 2,
      button: 0,
      cancelable: true,
    });
    taken.preventDefault();
    p.container.dispatchEvent(taken);
    p.pointer("pointerup", 800);
    expect(p.moves).toEqual([]);
  });

  it("keeps a line being dragged through a redraw, and removes the others it no longer lists", () => {
    const p = pane();
    p.set.set([
      { id: "a", price: 100 },
      { id: "b", price: 200 },
    ]);
    p.pointer("pointerdown", 900);
    p.pointer("pointermove", 880);
    p.set.set([]);
    expect(p.set.drawn().map((d) => d.data.id)).toEqual(["a"]);
    p.pointer("pointerup", 880);
    expect(p.moves).toEqual([["a", 120]]);
    p.set.dispose();
    expect(p.lines.size).toBe(0);
  });
});
