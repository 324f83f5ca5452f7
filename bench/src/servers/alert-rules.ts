/**
 * The scenario's alert rules as rows of `alert_rules`, spread over every rule type on one symbol
 * (the worst case: every rule is evaluated at every trade), with levels around the price so that
 * some of them fire, or (`quiet`) with thresholds no market reaches, so that only evaluation is
 * measured. Repeating, 60 s cooldown.
 */
export function alertRuleRows(
  count: number,
  accounts: readonly string[],
  symbol: string,
  price: number,
  now: number,
  quiet = false,
) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    // -3% .. +3% of the price, different for each rule: a few fire, most only watch.
    const offset = (((i * 7919) % 1000) / 1000 - 0.5) * 6;
    const level = Math.round(price * (1 + offset / 100) * 100) / 100;
    rows.push({
      id: `bench-alert-${i}`,
      account_id: accounts[i % accounts.length] ?? "",
      name: `bench ${i}`,
      condition: JSON.stringify(
        quiet
          ? quietConditionOf(i, symbol, price)
          : conditionOf(i, symbol, level, price),
      ),
      repeat: true,
      cooldown_seconds: 60,
      expires_at: null,
      status: "active",
      version: 1,
      fire_count: 0,
      last_fired_at: null,
      created_at: now,
      updated_at: now,
    });
  }
  return rows;
}

function conditionOf(
  i: number,
  symbol: string,
  level: number,
  price: number,
): object {
  const band = Math.max(price * 0.001, 0.01);
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
    case 3:
      return {
        type: "price-cross",
        symbol,
        direction: i % 2 ? "above" : "below",
        level,
      };
    case 4:
    case 5:
      return {
        type: "price-channel",
        symbol,
        direction: i % 2 ? "enters" : "leaves",
        lower: level,
        upper: Math.round((level + band) * 100) / 100,
      };
    case 6:
      return {
        type: "price-move",
        symbol,
        direction: "either",
        percent: 0.05 + (i % 7) * 0.02,
        windowSeconds: [60, 300, 900][i % 3] ?? 60,
      };
    case 7:
      return {
        type: "volume-spike",
        symbol,
        resolution: i % 2 ? "1" : "5",
        factor: 1.5 + (i % 5) * 0.5,
        lookback: 20,
      };
    case 8:
      return {
        type: "indicator-cross",
        symbol,
        resolution: "1",
        indicator: { kind: "rsi", params: { period: 14 } },
        line: "value",
        direction: i % 2 ? "above" : "below",
        level: 30 + (i % 41),
      };
    default:
      return {
        type: "indicator-cross",
        symbol,
        resolution: "5",
        indicator: { kind: "macd" },
        line: "macd",
        direction: i % 2 ? "above" : "below",
        otherLine: "signal",
      };
  }
}

/** The same types with thresholds out of reach: every rule is read at every trade, none fires. */
function quietConditionOf(i: number, symbol: string, price: number): object {
  const far = Math.round(price * (2 + (i % 100) / 100) * 100) / 100;
  const base = conditionOf(i, symbol, far, price) as Record<string, unknown>;
  switch (i % 10) {
    case 6:
      return { ...base, percent: 50 };
    case 7:
      return { ...base, factor: 1000 };
    case 8:
      return { ...base, direction: "above", level: 99.99 };
    case 9: {
      const { otherLine: _, ...study } = base;
      return { ...study, direction: "above", level: 1e9 };
    }
    default:
      return base;
  }
}
