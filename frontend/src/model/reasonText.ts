/**
 * A broker's reason (a rejection, a server-side cancel, a refused change) as a sentence for the
 * trader: error codes in words, numbers grouped, prices with the symbol's decimals and amounts
 * before a currency code with two, a capital first letter and a full stop.
 */
export function reasonText(raw: string | undefined, precision: number): string {
  const text = (raw ?? "").trim();
  if (text === "") return "No reason given.";
  const worded = text.replace(/\b[A-Z]+(?:_[A-Z]+)+\b/g, (code) =>
    code.toLowerCase().replace(/_/g, " "),
  );
  const numbered = worded.replace(
    /(^|[\s(:=@$])(-?\d+(?:\.\d+)?)(?=$|[\s),;:.!?%](?!\d))( [A-Z]{3}\b)?/g,
    (_all, before: string, digits: string, currency: string | undefined) => {
      const value = Number(digits);
      const decimals = currency ? 2 : digits.includes(".") ? precision : 0;
      return `${before}${grouped(value, decimals)}${currency ?? ""}`;
    },
  );
  const sentence = numbered.charAt(0).toUpperCase() + numbered.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

const formats = new Map<number, Intl.NumberFormat>();

function grouped(value: number, decimals: number): string {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formats.set(decimals, format);
  }
  return format.format(value);
}
