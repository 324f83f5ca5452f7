import type { SymbolInfo_Api_Backend } from "../../clients/api-types-generated";
import { toSymbolSpec, type SymbolSpec } from "../../model/symbol";
import type { MarketApi } from "../../transport/rest/marketApi";

/** Resolved symbols, asked for once each: the chart, the watchlist and the ticket share them. */
export class SymbolDirectory {
  private readonly infos = new Map<string, Promise<SymbolInfo_Api_Backend>>();

  constructor(private readonly api: MarketApi) {}

  /** TradingView's LibrarySymbolInfo as the server sends it. */
  info(symbol: string): Promise<SymbolInfo_Api_Backend> {
    const key = symbol.trim().toUpperCase();
    let info = this.infos.get(key);
    if (!info) {
      info = this.api.symbol(key);
      this.infos.set(key, info);
      // A failed lookup (a blip, a typo) must not stick.
      info.catch(() => this.infos.delete(key));
    }
    return info;
  }

  async spec(symbol: string): Promise<SymbolSpec> {
    return toSymbolSpec(await this.info(symbol));
  }
}
