import type { QuoteData } from "@tradewire/client";
import type { Clock } from "../../../clock";
import type { MarketData } from "../../../contracts/market-data";
import type { OrderLimits } from "../domain/order-bounds";
import type { BookChange } from "../store/broker-store";
import type { AccountBook } from "./account-book";
import type { InstrumentLookup } from "./margin";

/** What the order flows (placement, modification, matching) need of the engine that runs them. */
export interface EngineCore {
  /** The REST request this flow acts for: new orders keep it, commits log under it. */
  readonly requestId?: string;
  readonly market: MarketData;
  readonly clock: Clock;
  readonly limits: OrderLimits;
  readonly lookup: InstrumentLookup;
  /** Write the change in one transaction, then apply it to the book and tell subscribers. */
  commit(book: AccountBook, change: BookChange): Promise<void>;
  /** The latest quote of `symbol`, refused as UNKNOWN_SYMBOL when there is no usable one. */
  quote(book: AccountBook, symbol: string): Promise<QuoteData>;
}
