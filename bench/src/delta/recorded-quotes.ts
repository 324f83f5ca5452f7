import type { QuoteData } from "@tradewire/client";
import { BenchQuotesService } from "../servers/bench-quotes-service";
import { changedValues, type QuoteDelta } from "./quote-delta";

export type PublishForm = "full" | "delta";

/**
 * The bench quotes service publishing a recorded datafeed stream instead of the synthetic quote:
 * topic i replays the recording of symbol i modulo their number, in order and round and round,
 * under the bench's symbol name, with the scheduled time in `v.volume` (which changes on every
 * real update too). `delta` keeps each topic's last full quote and publishes only the values that
 * changed, the work a delta-publishing service would do once per update.
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

  override publish(topic: number, data: QuoteData): void {
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
    const seq = (this.seq[topic] ?? 0) + 1;
    this.seq[topic] = seq;
    if (!prev) return super.publish(topic, full);
    const delta: QuoteDelta = {
      n: data.n,
      base: seq - 1,
      v: changedValues(prev.v, full.v),
    };
    // The core serializes whatever the service hands it; the delta is not a QuoteData.
    super.publish(topic, delta as unknown as QuoteData);
  }
}
