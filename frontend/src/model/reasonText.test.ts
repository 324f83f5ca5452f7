import { describe, expect, it } from "vitest";
import { reasonText } from "./reasonText";

describe("reasonText", () => {
  it("groups amounts before a currency with two decimals and ends the sentence", () => {
    expect(
      reasonText(
        "the order needs 12345.5 USD of margin; 100.00 is available",
        2,
      ),
    ).toBe("The order needs 12,345.50 USD of margin; 100.00 is available.");
  });

  it("prints prices with the symbol's precision", () => {
    expect(reasonText("not filled at 1.0823456: insufficient margin", 5)).toBe(
      "Not filled at 1.08235: insufficient margin.",
    );
  });

  it("turns error codes into words and keeps ids intact", () => {
    expect(reasonText("INSUFFICIENT_BUYING_POWER for ord_12345", 2)).toBe(
      "Insufficient buying power for ord_12345.",
    );
  });

  it("keeps a sentence that already ends and says so when there is no reason", () => {
    expect(
      reasonText("DAY order expired at the end of its trading day", 2),
    ).toBe("DAY order expired at the end of its trading day.");
    expect(reasonText(undefined, 2)).toBe("No reason given.");
    expect(reasonText("the other bracket filled (OCO)", 2)).toBe(
      "The other bracket filled (OCO).",
    );
  });
});
