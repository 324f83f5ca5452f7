import type {
  BarStream,
  BarStreamEvent,
  BarStreams,
} from "../../../../contracts/bar-streams";
import { KEPT_BARS, StreamState } from "./stream-state";

/** What a stream calls at each trade it evaluates. */
export interface TradeWatcher {
  onTrade(state: StreamState): void;
}

/** One live stream of a symbol at a resolution, shared by every rule that needs it. */
export class SharedStream {
  readonly watchers = new Set<TradeWatcher>();
  refs = 0;
  stream: BarStream | null = null;
  private pending: BarStreamEvent[] | null = [];

  constructor(
    readonly key: string,
    readonly state: StreamState,
  ) {}

  /** An event before the history was applied waits for it, so no trade is read out of order. */
  receive(event: BarStreamEvent): void {
    if (this.pending) this.pending.push(event);
    else this.apply(event);
  }

  started(stream: BarStream): void {
    this.stream = stream;
    this.state.warm(stream.history, stream.forming);
    const pending = this.pending ?? [];
    this.pending = null;
    for (const event of pending) this.apply(event);
  }

  /** Trades in order, each inside its bar; a closed bar is applied after its last trade. */
  private apply(event: BarStreamEvent): void {
    const bars = event.forming
      ? [...event.closed, event.forming]
      : event.closed;
    const { trades } = event;
    let t = 0;
    for (let i = 0; i < bars.length; i++) {
      const bar = bars[i];
      const next = bars[i + 1];
      if (!bar) continue;
      for (; t < trades.length; t++) {
        const trade = trades[t];
        if (!trade || (next && trade.time >= next.time)) break;
        this.trade(trade, bar.time);
      }
      if (i < event.closed.length) this.state.close(bar);
    }
    for (; t < trades.length; t++) {
      const trade = trades[t];
      if (trade) this.trade(trade, null);
    }
    this.state.forming = event.forming;
  }

  private trade(
    trade: BarStreamEvent["trades"][number],
    barTime: number | null,
  ): void {
    this.state.onTrade(trade, barTime);
    for (const watcher of this.watchers) watcher.onTrade(this.state);
  }
}

/**
 * The streams rules evaluate on: started when the first rule needs one, stopped when the last one
 * is gone. A refused stream (unknown symbol or resolution) rejects with the datafeed's TopicError.
 */
export class StreamHub {
  private readonly streams = new Map<
    string,
    { shared: SharedStream; ready: Promise<void> }
  >();

  constructor(private readonly bars: BarStreams) {}

  get size(): number {
    return this.streams.size;
  }

  /** The running stream of `symbol` at `resolution`, held until `release`. */
  async acquire(symbol: string, resolution: string): Promise<SharedStream> {
    const key = `${symbol}|${resolution}`;
    let entry = this.streams.get(key);
    if (!entry) {
      const shared = new SharedStream(
        key,
        new StreamState({
          sessionStart: (t) => this.bars.sessionStart(symbol, t),
        }),
      );
      const ready = this.bars
        .stream(symbol, resolution, KEPT_BARS, (e) => shared.receive(e))
        .then((stream) => {
          shared.started(stream);
          if (shared.refs === 0) this.stop(shared);
        });
      entry = { shared, ready };
      this.streams.set(key, entry);
      ready.catch(() => {
        if (this.streams.get(key) === entry) this.streams.delete(key);
      });
    }
    entry.shared.refs++;
    try {
      await entry.ready;
    } catch (err) {
      entry.shared.refs--;
      throw err;
    }
    return entry.shared;
  }

  release(shared: SharedStream): void {
    shared.refs--;
    if (shared.refs === 0 && shared.stream) this.stop(shared);
  }

  stopAll(): void {
    for (const { shared } of this.streams.values()) shared.stream?.stop();
    this.streams.clear();
  }

  private stop(shared: SharedStream): void {
    if (this.streams.get(shared.key)?.shared !== shared) return;
    this.streams.delete(shared.key);
    shared.stream?.stop();
  }
}
