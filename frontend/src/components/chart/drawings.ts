import type {
  DrawingPoint_Api_Backend,
  Drawing_Api_Backend,
} from "../../clients/api-types-generated";

export type Drawing = Drawing_Api_Backend;
export type DrawingPoint = DrawingPoint_Api_Backend;
export type DrawingKind = Drawing["kind"];

/** The spec's cap on drawings per user and symbol. */
export const MAX_DRAWINGS = 100;
/** The spec's bounds on a point's price. */
const PRICE_LIMIT = 1_000_000_000;
export const DRAWING_COLOR = "#4c8dff";

/** An id the spec accepts (letters, digits, `-`, `_`; at most 64). */
export function newDrawingId(): string {
  return `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

function validPoint(point: DrawingPoint): boolean {
  return (
    Number.isInteger(point.time) &&
    point.time >= 0 &&
    point.time <= 9_999_999_999 &&
    Number.isFinite(point.price) &&
    Math.abs(point.price) <= PRICE_LIMIT
  );
}

/** A drawing of `kind` through `points`, or null when the points cannot make one. */
export function makeDrawing(
  kind: DrawingKind,
  points: readonly DrawingPoint[],
  id = newDrawingId(),
): Drawing | null {
  const wanted = kind === "horizontal" ? 1 : 2;
  const kept = points
    .slice(0, wanted)
    .map((p) => ({ time: Math.round(p.time), price: p.price }));
  if (kept.length !== wanted || !kept.every(validPoint)) return null;
  return { id, kind, points: kept, color: DRAWING_COLOR };
}

/** `list` with `drawing` added, or null when the symbol already has the most it may keep. */
export function addDrawing(
  list: readonly Drawing[],
  drawing: Drawing,
): Drawing[] | null {
  if (list.length >= MAX_DRAWINGS) return null;
  return [...list.filter((d) => d.id !== drawing.id), drawing];
}

export function removeDrawing(list: readonly Drawing[], id: string): Drawing[] {
  return list.filter((d) => d.id !== id);
}

/** What the chart element exposes for tests and what is sent: plain, ordered JSON. */
export function serializeDrawings(list: readonly Drawing[]): string {
  return JSON.stringify(
    list.map((d) => ({
      id: d.id,
      kind: d.kind,
      points: d.points.map((p) => ({ time: p.time, price: p.price })),
      ...(d.color ? { color: d.color } : {}),
    })),
  );
}

/** Drawings read back (server or storage), keeping only well-formed ones, at most the cap. */
export function parseDrawings(value: unknown): Drawing[] {
  if (!Array.isArray(value)) return [];
  const out: Drawing[] = [];
  for (const item of value as Partial<Drawing>[]) {
    if (!item || typeof item.id !== "string" || !/^[\w-]{1,64}$/.test(item.id))
      continue;
    if (item.kind !== "horizontal" && item.kind !== "trend") continue;
    const made = makeDrawing(item.kind, item.points ?? [], item.id);
    if (!made) continue;
    out.push(
      typeof item.color === "string" && /^#[0-9a-fA-F]{6}$/.test(item.color)
        ? { ...made, color: item.color }
        : made,
    );
    if (out.length === MAX_DRAWINGS) break;
  }
  return out;
}

/** Where a point is on screen, or null when it is off the chart. */
export type Project = (point: DrawingPoint) => { x: number; y: number } | null;

function segmentDistance(
  p: { x: number; y: number },
  a: { x: number; y: number },
  b: { x: number; y: number },
): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t =
    length === 0
      ? 0
      : Math.max(
          0,
          Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length),
        );
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The drawing nearest the pointer within `tolerance` pixels, newest first on a tie: a horizontal
 * by its height (it spans the chart), a trend by its segment.
 */
export function drawingAt(
  list: readonly Drawing[],
  pointer: { x: number; y: number },
  project: Project,
  priceToY: (price: number) => number | null,
  tolerance = 6,
): string | null {
  let best: { id: string; distance: number } | null = null;
  for (let i = list.length - 1; i >= 0; i -= 1) {
    const d = list[i]!;
    let distance: number | null = null;
    if (d.kind === "horizontal") {
      const y = priceToY(d.points[0]!.price);
      distance = y === null ? null : Math.abs(y - pointer.y);
    } else {
      const a = project(d.points[0]!);
      const b = project(d.points[1]!);
      distance = a && b ? segmentDistance(pointer, a, b) : null;
    }
    if (
      distance !== null &&
      distance <= tolerance &&
      (!best || distance < best.distance)
    )
      best = { id: d.id, distance };
  }
  return best?.id ?? null;
}
