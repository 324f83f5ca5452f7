import { sleep } from "../harness/clock";
import type { Timing } from "../harness/point";
import { Rig } from "../harness/rig";
import type { ServerKind } from "../servers/server-kind";
import { measureClean, type CleanPolicy } from "./clean-point";
import { loadAt, type FanoutPoint, type FanoutShape } from "./fanout";

const MSGPACK = "tradewire.v1.msgpack";

/** One server with one way of speaking to it: an encoding, compressed or not. */
export interface WireVariant {
  readonly name: string;
  readonly label: string;
  readonly kind: ServerKind;
  readonly subprotocol?: string;
  readonly deflate?: boolean;
}

/** The fan-out's baselines, measured in the same run as every wire variant. */
const BASELINES: readonly WireVariant[] = [
  { name: "raw-ws", label: "raw ws (JSON, serialize once)", kind: "raw-ws" },
  { name: "socketio", label: "Socket.IO 4.8 rooms (JSON)", kind: "socketio" },
];

/** `--only=encoding`: MessagePack vs JSON on Tradewire, with the baselines of the fan-out. */
export const ENCODING_VARIANTS: readonly WireVariant[] = [
  ...BASELINES,
  { name: "tw-json", label: "Tradewire JSON", kind: "tradewire" },
  {
    name: "tw-msgpack",
    label: "Tradewire MessagePack",
    kind: "tradewire",
    subprotocol: MSGPACK,
  },
];

/**
 * `--only=compression`: the same encodings with and without permessage-deflate, beside the
 * baselines; the deflating server (WS_DEFLATE=on) is a process of its own and its clients offer
 * the extension.
 */
export const COMPRESSION_VARIANTS: readonly WireVariant[] = [
  ...BASELINES,
  { name: "tw-json", label: "Tradewire JSON", kind: "tradewire" },
  {
    name: "tw-json-deflate",
    label: "Tradewire JSON + deflate",
    kind: "tradewire-deflate",
    deflate: true,
  },
  {
    name: "tw-msgpack",
    label: "Tradewire MessagePack",
    kind: "tradewire",
    subprotocol: MSGPACK,
  },
  {
    name: "tw-msgpack-deflate",
    label: "Tradewire MessagePack + deflate",
    kind: "tradewire-deflate",
    subprotocol: MSGPACK,
    deflate: true,
  },
];

export interface WireVariantOptions {
  readonly rates: readonly number[];
  readonly repeats: number;
  readonly timing: Timing;
  readonly clean: CleanPolicy;
}

export interface WireVariantPoint extends Omit<FanoutPoint, "server"> {
  readonly variant: string;
}

/**
 * Memory after full GCs: per subscribed socket before any traffic (as the memory scenario
 * measures it: RSS with the sockets minus RSS before any), and the whole RSS after the traffic.
 */
export interface WireVariantMemory {
  readonly variant: string;
  readonly sockets: number;
  readonly rssPerSocketBytes: number;
  readonly heapPerSocketBytes: number;
  readonly rssAfterTrafficBytes: number;
}

export interface WireVariantResult {
  readonly points: WireVariantPoint[];
  readonly memory: WireVariantMemory[];
}

/**
 * Every variant gets its own server process and load generator, all connected up front; then at
 * each rate and repeat the variants are measured one after the other, in an order rotated each
 * time, like the fan-out scenario. Memory per socket is read from each server at the end.
 */
export async function runWireVariants(
  variants: readonly WireVariant[],
  shape: FanoutShape,
  options: WireVariantOptions,
  log: (line: string) => void,
): Promise<WireVariantResult> {
  const rigs: { variant: WireVariant; rig: Rig }[] = [];
  const idle = new Map<
    string,
    Omit<WireVariantMemory, "rssAfterTrafficBytes">
  >();
  try {
    for (const variant of variants) {
      const rig = await Rig.start(variant.kind);
      const base = await rig.server.request({ cmd: "sample", gc: true });
      rigs.push({ variant, rig });
      await rig.connect({
        ...shape.plan,
        ...(variant.subprotocol ? { subprotocol: variant.subprotocol } : {}),
        ...(variant.deflate ? { deflate: true } : {}),
      });
      await sleep(200);
      const open = await rig.server.request({ cmd: "sample", gc: true });
      idle.set(variant.name, {
        variant: variant.name,
        sockets: open.sockets,
        rssPerSocketBytes: (open.rssBytes - base.rssBytes) / open.sockets,
        heapPerSocketBytes:
          (open.heapUsedBytes - base.heapUsedBytes) / open.sockets,
      });
      await measureClean(rig, loadAt(shape, 25_000), options.timing, {
        ...options.clean,
        maxAttempts: 1,
      });
      log(`  ${variant.name}: connected and warmed up`);
    }
    const points: WireVariantPoint[] = [];
    for (let repeat = 0; repeat < options.repeats; repeat++)
      for (const [i, rate] of options.rates.entries())
        for (const { variant, rig } of rotate(rigs, repeat + i)) {
          const clean = await measureClean(
            rig,
            loadAt(shape, rate),
            options.timing,
            options.clean,
          );
          points.push({
            shape: shape.name,
            variant: variant.name,
            rate,
            repeat,
            ...clean,
          });
        }
    await sleep(200);
    const memory: WireVariantMemory[] = [];
    for (const { variant, rig } of rigs) {
      const s = await rig.server.request({ cmd: "sample", gc: true });
      const before = idle.get(variant.name);
      if (before) memory.push({ ...before, rssAfterTrafficBytes: s.rssBytes });
    }
    return { points, memory };
  } finally {
    await Promise.all(rigs.map(({ rig }) => rig.stop()));
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
