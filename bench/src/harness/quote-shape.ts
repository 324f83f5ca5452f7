import { buildTopic, type QuoteData } from "@tradewire/client";

/**
 * The one message shape every server in the benchmark sends: a `quotes.update` frame carrying a
 * QuoteData that conforms to the spec. The scheduled publish time travels in `v.volume` (a
 * non-negative number, so the payload stays valid) and the load generator reads it back.
 */

export const UPDATE_TYPE = "quotes.update";
export const SUBSCRIBE_TYPE = "quotes.subscribe";

export function symbolOf(index: number): string {
  return `SYM${String(index).padStart(3, "0")}`;
}

export function indexOfSymbol(symbol: string): number {
  return Number(symbol.slice(3));
}

/** The topic Tradewire names for a one-symbol quotes subscription; the baselines use it too. */
export function quoteTopic(symbol: string): string {
  return buildTopic("quotes", { symbols: [symbol] });
}

/** A believable quote around 100 whose figures move with `n`, stamped with `scheduledMs`. */
export function quoteData(
  symbol: string,
  n: number,
  scheduledMs: number,
): QuoteData {
  const lp = 100 + (n % 200) / 100;
  return {
    s: "ok",
    n: symbol,
    v: {
      lp,
      ask: lp + 0.01,
      bid: lp - 0.01,
      spread: 0.02,
      ch: lp - 99.5,
      chp: (lp - 99.5) / 0.995,
      open_price: 99.8,
      high_price: 102.25,
      low_price: 98.75,
      prev_close_price: 99.5,
      volume: scheduledMs,
    },
  };
}

const HEAD = `{"type":${JSON.stringify(UPDATE_TYPE)},"payload":{"topic":`;

/** The update frame, byte for byte as Tradewire's serializer writes it (serialize once per update). */
export function updateFrame(
  topicJson: string,
  seq: number,
  data: QuoteData,
): string {
  return `${HEAD}${topicJson},"seq":${seq},"payload":${JSON.stringify(data)}}}`;
}

const MARKER = Buffer.from('"volume":');
const DOT = 0x2e;
const ZERO = 0x30;

/**
 * The scheduled publish time carried in the message `data[start, end)`, or NaN when it is not an
 * update. Read straight from the bytes: parsing every message as JSON would make the load
 * generator, not the server, the bottleneck.
 */
export function readStamp(data: Buffer, start = 0, end = data.length): number {
  const at = data.lastIndexOf(MARKER, end - MARKER.length);
  if (at < start) return Number.NaN;
  let i = at + MARKER.length;
  let whole = 0;
  for (; i < end; i++) {
    const d = (data[i] as number) - ZERO;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (data[i] !== DOT) return whole;
  let fraction = 0;
  let scale = 1;
  for (i += 1; i < end; i++) {
    const d = (data[i] as number) - ZERO;
    if (d < 0 || d > 9) break;
    fraction = fraction * 10 + d;
    scale *= 10;
  }
  return whole + fraction / scale;
}

/** `"volume"` as a MessagePack fixstr: the stamp's key in a MessagePack update. */
const PACKED_MARKER = Buffer.from([0xa6, ...Buffer.from("volume")]);

/**
 * The scheduled publish time in a MessagePack message `data[start, end)`, or NaN when it is not
 * an update: the number after the `volume` key, read in place like `readStamp`.
 */
export function readPackedStamp(
  data: Buffer,
  start = 0,
  end = data.length,
): number {
  const at = data.lastIndexOf(PACKED_MARKER, end - PACKED_MARKER.length);
  if (at < start) return Number.NaN;
  const i = at + PACKED_MARKER.length;
  if (i >= end) return Number.NaN;
  const tag = data[i] as number;
  if (tag < 0x80) return tag;
  switch (tag) {
    case 0xcb:
      return data.readDoubleBE(i + 1);
    case 0xca:
      return data.readFloatBE(i + 1);
    case 0xcc:
      return data.readUInt8(i + 1);
    case 0xcd:
      return data.readUInt16BE(i + 1);
    case 0xce:
      return data.readUInt32BE(i + 1);
    case 0xcf:
      return Number(data.readBigUInt64BE(i + 1));
    default:
      return Number.NaN;
  }
}
