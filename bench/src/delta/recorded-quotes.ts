import type { QuoteData, QuoteDelta } from "@tradewire/client";
import { BenchQuotesService } from "../servers/bench-quotes-service";
import { changedValues } from "./quote-delta";

export type PublishForm = "full" | "delta";

/**
 * The bench quotes service publishing a recorded datafeed stream instead of the synthetic quote:
 * topic i replays the recording of symbol i modulo their number, in order and round and round,
 * under the bench's symbol name, with the scheduled time in `v.volume` (which changes on every
 * real update too). `delta` keeps each topic's last full quote and publishes only the values that
 * changed, with the whole quote beside it, as the datafeed's `SymbolDeltas` does once per update.
 */
export class RecordedQuotesService extends BenchQuotesService {
  private readonly position: number[] = [];
  private readonly last: (QuoteData | undefined)[] = [];
  private readonly seq: number[] = [];

  constructor(
    private readonly form: PublishForm,
    private readonly streams: readonly (readonly QuoteData["v"][])[],
  ) {
    super();
  }

  override publish(topic: number, data: QuoteData): number {
    const stream = this.streams[topic % this.streams.length] ?? [];
    const at = this.position[topic] ?? 0;
    this.position[topic] = at + 1 === stream.length ? 0 : at + 1;
    const full: QuoteData = {
      s: "ok",
      n: data.n,
      v: { ...(stream[at] as QuoteData["v"]), volume: data.v.volume },
    };
    if (this.form === "full") return super.publish(topic, full);
    const prev = this.last[topic];
    this.last[topic] = full;
    if (!prev) return (this.seq[topic] = super.publish(topic, full));
    const delta: QuoteDelta = {
      n: data.n,
      base: this.seq[topic] ?? 0,
      v: changedValues(prev.v, full.v),
    };
    return (this.seq[topic] = super.publish(topic, delta, full));
  }
}
