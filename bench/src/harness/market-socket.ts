import WebSocket from "ws";

/** The symbol of the bars subscription. */
const BARS_SYMBOL = "BTCUSD";
/** A topic refused as "cannot be served right now" (history still loading) is asked again. */
const RESUBSCRIBE_MS = 500;

export type MarketKind = "quotes" | "bars";

export interface MarketSocket {
  readonly socket: WebSocket;
  /** When the first update of `kind` after `t` arrived (`performance.now()`), if one has. */
  firstAfter(kind: MarketKind, t: number): number | null;
  countAfter(kind: MarketKind, t: number): number;
  /** A subscription the server refused for good, as it answered. */
  refused(): string | null;
}

/**
 * Every symbol the instance lists (UDF search): quotes of all of them come far more often than
 * those of one, so the first one after a failover says when the market resumed, not when the
 * next trade of one symbol happened to fall.
 */
export async function listedSymbols(port: number): Promise<string[]> {
  const response = await fetch(
    `http://127.0.0.1:${port}/api/v1/datafeed/search?query=&limit=50`,
  );
  const found = (await response.json()) as {
    symbol: string;
    ticker?: string;
  }[];
  return found.map((s) => s.ticker ?? s.symbol);
}

/**
 * A quotes subscription to `symbols` and a 1-minute bars subscription to BTCUSD on one instance,
 * stamping when each kind of update arrived.
 */
export async function marketSocket(
  port: number,
  symbols: readonly string[],
): Promise<MarketSocket> {
  const arrivals = { quotes: [] as number[], bars: [] as number[] };
  let refused: string | null = null;
  const requests = [
    { type: "quotes.subscribe", id: 1, payload: { symbols } },
    {
      type: "bars.subscribe",
      id: 2,
      payload: { symbol: BARS_SYMBOL, resolution: "1" },
    },
  ];
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/ws`);
  const send = (id: number): void =>
    socket.send(JSON.stringify(requests.find((r) => r.id === id)));
  socket.on("message", (data: Buffer) => {
    const text = data.toString("utf8");
    if (text.startsWith('{"type":"quotes.update"'))
      arrivals.quotes.push(performance.now());
    else if (text.startsWith('{"type":"bars.update"'))
      arrivals.bars.push(performance.now());
    else if (text.includes('"status":"error"')) {
      // "Cannot be served right now" (history still loading) is asked again; others are final.
      const id = Number(/"id":(\d+)/.exec(text)?.[1]);
      if (text.includes('"TOPIC_UNAVAILABLE"'))
        setTimeout(() => send(id), RESUBSCRIBE_MS);
      else refused = text;
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  // A survivor closing the socket later shows as missing data, not as a crash of the run.
  socket.on("error", () => undefined);
  for (const r of requests) send(r.id);
  const firstAfter = (kind: MarketKind, t: number): number | null =>
    arrivals[kind].find((a) => a > t) ?? null;
  const countAfter = (kind: MarketKind, t: number): number =>
    arrivals[kind].filter((a) => a > t).length;
  return { socket, firstAfter, countAfter, refused: () => refused };
}
