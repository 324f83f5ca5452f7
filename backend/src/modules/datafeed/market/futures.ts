import type { CatalogEntry } from "./instrument";
import { zonedTimeToUtc } from "./timezone";

/**
 * Quarterly equity index futures (CME E-mini style). Contract months are March, June, September
 * and December (codes H, M, U, Z); a contract stops trading at 08:30 Chicago time on the third
 * Friday of its month, and the next one becomes the front contract.
 */

/** CME Globex equity hours: 17:00 to 16:00 Chicago, Sunday evening to Friday afternoon. */
export const CME_EQUITY_SESSION = "1700-1600:23456";
export const CME_TIMEZONE = "America/Chicago";

const MONTH_CODES: Readonly<Record<number, string>> = {
  3: "H",
  6: "M",
  9: "U",
  12: "Z",
};
const MONTH_NAMES = ["Mar", "Jun", "Sep", "Dec"] as const;

export interface ContractMonth {
  readonly root: string;
  readonly year: number;
  /** 3, 6, 9 or 12. */
  readonly month: number;
  /** `ESZ6`: root, month code, last digit of the year. */
  readonly ticker: string;
  /** Last trading moment, UTC ms. */
  readonly expiresAt: number;
}

interface FuturesRoot {
  readonly root: string;
  readonly description: string;
  /** Price level of the anchor contract; later contracts add the carry per quarter. */
  readonly anchorPrice: number;
  readonly annualVolatility: number;
  readonly tradesPerMinute: number;
  readonly typicalSize: number;
}

/** Contract whose price is the root's `anchorPrice`: December 2026. */
const ANCHOR_QUARTER = 2026 * 4 + 3;
/** Futures trade above the index by financing minus dividends, about 3 % a year. */
const CARRY_PER_QUARTER = 0.0075;

const ROOTS: readonly FuturesRoot[] = [
  {
    root: "ES",
    description: "E-mini S&P 500 Futures",
    anchorPrice: 6850,
    annualVolatility: 0.17,
    tradesPerMinute: 50,
    typicalSize: 4,
  },
  {
    root: "NQ",
    description: "E-mini Nasdaq-100 Futures",
    anchorPrice: 25_400,
    annualVolatility: 0.2,
    tradesPerMinute: 40,
    typicalSize: 2,
  },
];

/** 00:00 UTC of the third Friday of a month (month 1-12). */
export function thirdFriday(year: number, month: number): number {
  const first = Date.UTC(year, month - 1, 1);
  const weekday = new Date(first).getUTCDay();
  const firstFriday = 1 + ((5 - weekday + 7) % 7);
  return Date.UTC(year, month - 1, firstFriday + 14);
}

/** 08:30 Chicago time on the third Friday: when quarterly E-mini contracts stop trading. */
export function contractExpiry(year: number, month: number): number {
  const wallClock = thirdFriday(year, month) + 8.5 * 3_600_000;
  return zonedTimeToUtc(CME_TIMEZONE, wallClock);
}

/** The `count` quarterly contracts still trading at `referenceMs`, front first. */
export function quarterlyContracts(
  root: string,
  referenceMs: number,
  count = 2,
): ContractMonth[] {
  const reference = new Date(referenceMs);
  let year = reference.getUTCFullYear();
  let month = Math.ceil((reference.getUTCMonth() + 1) / 3) * 3;
  const contracts: ContractMonth[] = [];
  while (contracts.length < count) {
    const expiresAt = contractExpiry(year, month);
    if (expiresAt > referenceMs) {
      const ticker = `${root}${MONTH_CODES[month] ?? ""}${year % 10}`;
      contracts.push({ root, year, month, ticker, expiresAt });
    }
    month += 3;
    if (month > 12) {
      month = 3;
      year += 1;
    }
  }
  return contracts;
}

/**
 * Front and next contract of every root at `referenceMs`. A contract's parameters depend on the
 * contract alone, never on the reference date, so its simulated history is the same whenever the
 * catalog is built.
 */
export function futuresListings(referenceMs: number): CatalogEntry[] {
  return ROOTS.flatMap((root) =>
    quarterlyContracts(root.root, referenceMs).map((contract) =>
      futuresEntry(root, contract),
    ),
  );
}

function futuresEntry(
  root: FuturesRoot,
  contract: ContractMonth,
): CatalogEntry {
  const quarter = contract.year * 4 + contract.month / 3 - 1;
  const carry = (1 + CARRY_PER_QUARTER) ** (quarter - ANCHOR_QUARTER);
  const monthName = MONTH_NAMES[contract.month / 3 - 1] ?? "";
  return {
    ticker: contract.ticker,
    description: `${root.description} (${monthName} ${contract.year})`,
    type: "futures",
    session: CME_EQUITY_SESSION,
    timezone: CME_TIMEZONE,
    exchange: "CME",
    minmov: 25,
    pricescale: 100,
    volume_precision: 0,
    currency_code: "USD",
    expiration_date: Math.floor(contract.expiresAt / 1000),
    sim: {
      initialPrice: Math.round(root.anchorPrice * carry * 4) / 4,
      annualVolatility: root.annualVolatility,
      spreadTicks: 1,
      tradesPerMinute: root.tradesPerMinute,
      typicalSize: root.typicalSize,
      lotSize: 1,
      // The daily halt is an hour; little news accumulates in it.
      gapShare: 0.03,
      stream: root.root,
    },
  };
}
