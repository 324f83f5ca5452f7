import { DAY_MS } from "@tradewire/client";
import type { CatalogEntry, ContractLife } from "./instrument";
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
  /** Contract multiplier: USD per index point per contract. */
  readonly pointValue: number;
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
    pointValue: 50,
  },
  {
    root: "NQ",
    description: "E-mini Nasdaq-100 Futures",
    anchorPrice: 25_400,
    annualVolatility: 0.2,
    tradesPerMinute: 40,
    typicalSize: 2,
    pointValue: 20,
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

/** The quarter before `month` of `year` (the contract that expires before it). */
function previousQuarter(year: number, month: number): [number, number] {
  return month === 3 ? [year - 1, 12] : [year, month - 3];
}

/**
 * Volume migration at the roll: the share of a root's activity the expiring contract keeps,
 * `timeToExpiry` before its expiry. Full until about two weeks before, then a smooth S over
 * ROLL_WINDOW_DAYS, crossing one half ROLL_CROSSOVER_DAYS before expiry: Wednesday evening of
 * the week before, so the Thursday eight days before expiry (CME's roll date, where ES volume
 * crosses over in practice) is the first whole day the next month trades more.
 */
export const ROLL_CROSSOVER_DAYS = 8.5;
export const ROLL_WINDOW_DAYS = 14;
/** Activity of a contract that is not the one rolling: the thin trade of deferred months. */
export const DEFERRED_ACTIVITY = 0.05;

export function expiringShare(timeToExpiryMs: number): number {
  const half = ROLL_WINDOW_DAYS / 2;
  const x =
    (timeToExpiryMs / DAY_MS - (ROLL_CROSSOVER_DAYS - half)) / ROLL_WINDOW_DAYS;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}

/**
 * How active a contract is at `timeMs`, relative to its root's usual activity: 0 once expired;
 * as the front, the expiring share (never below the deferred level); before that, what the
 * expiring front gives up (at least the deferred level). Front plus next stay near 1 through the
 * roll, so the root's total volume does not dip.
 */
export function contractActivity(life: ContractLife, timeMs: number): number {
  if (timeMs >= life.expiresAt) return 0;
  if (timeMs >= life.previousExpiresAt)
    return Math.max(DEFERRED_ACTIVITY, expiringShare(life.expiresAt - timeMs));
  return Math.max(
    DEFERRED_ACTIVITY,
    1 - expiringShare(life.previousExpiresAt - timeMs),
  );
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
 * Contracts listed per root: front, next, and the one after, which the second continuous series
 * (`ES2!`) follows from the roll to the front's expiry.
 */
export const LISTED_CONTRACTS = 3;

/**
 * Every contract of every root that is among the LISTED_CONTRACTS at some moment of
 * [sinceMs, referenceMs], by root then expiry: the stored history holds each one a continuous
 * series may follow in that window, expired ones included. A contract's parameters depend on the
 * contract alone, never on the dates, so its simulated history is the same whenever the catalog is
 * built.
 */
export function futuresListings(
  referenceMs: number,
  sinceMs = referenceMs,
): CatalogEntry[] {
  return ROOTS.flatMap((root) =>
    contractsBetween(root.root, sinceMs, referenceMs).map((contract) =>
      futuresEntry(root, contract),
    ),
  );
}

/** Contracts of `root` among the LISTED_CONTRACTS at some moment of [sinceMs, referenceMs]. */
export function contractsBetween(
  root: string,
  sinceMs: number,
  referenceMs: number,
): ContractMonth[] {
  const contracts = quarterlyContracts(root, sinceMs, LISTED_CONTRACTS);
  // Each expiry inside the window brings one more contract into the listed set.
  while (
    (contracts.at(-LISTED_CONTRACTS) as ContractMonth).expiresAt <= referenceMs
  ) {
    const last = contracts.at(-1) as ContractMonth;
    const [next] = quarterlyContracts(root, last.expiresAt, 1);
    contracts.push(next as ContractMonth);
  }
  return contracts;
}

/** The futures roots continuous series are built for, with their descriptions. */
export function futuresRoots(): readonly {
  root: string;
  description: string;
}[] {
  return ROOTS;
}

function futuresEntry(
  root: FuturesRoot,
  contract: ContractMonth,
): CatalogEntry {
  const quarter = contract.year * 4 + contract.month / 3 - 1;
  const carry = (1 + CARRY_PER_QUARTER) ** (quarter - ANCHOR_QUARTER);
  const monthName = MONTH_NAMES[contract.month / 3 - 1] ?? "";
  const [previousYear, previousMonth] = previousQuarter(
    contract.year,
    contract.month,
  );
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
    pointValue: root.pointValue,
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
      life: {
        expiresAt: contract.expiresAt,
        previousExpiresAt: contractExpiry(previousYear, previousMonth),
      },
    },
  };
}
