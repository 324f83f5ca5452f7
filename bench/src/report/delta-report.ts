import type { DeltaResult } from "../delta/delta-scenario";
import { spread } from "../harness/stats";
import { fixed, rate, ratio, spreadText, table } from "./table";

/** Bytes per update, whole and as deltas, per class of symbols and over all of them. */
export function deltaBytesTable(result: DeltaResult, label: string): string {
  const rows = result.bytes.map((b) => [
    `${b.kind} (${b.symbols})`,
    String(b.updates),
    fixed(b.fullBytes, 0),
    fixed(b.deltaBytes, 0),
    `${fixed((1 - b.deltaBytes / b.fullBytes) * 100, 0)}%`,
    fixed(b.changedFields, 1),
    String(b.unchanged),
  ]);
  const updates = result.bytes.reduce((n, b) => n + b.updates, 0);
  const full = result.bytes.reduce((n, b) => n + b.fullBytes * b.updates, 0);
  const delta = result.bytes.reduce((n, b) => n + b.deltaBytes * b.updates, 0);
  rows.push([
    "all",
    String(updates),
    fixed(full / updates, 0),
    fixed(delta / updates, 0),
    `${fixed((1 - delta / full) * 100, 0)}%`,
    "",
    "",
  ]);
  const changes = Object.entries(result.changes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fixed(v * 100, 0)}%`)
    .join(", ");
  return [
    table(
      label,
      [
        "symbols",
        "updates",
        "full B/update",
        "delta B/update",
        "bytes saved",
        "values/delta",
        "no change",
      ],
      rows,
    ),
    `Values that changed, share of updates: ${changes}; the others never did.`,
  ].join("\n");
}

/** Server CPU per delivery publishing whole quotes and deltas of the same stream. */
export function deltaCpuTable(result: DeltaResult, label: string): string {
  const rates = [...new Set(result.cpu.map((p) => p.rate))];
  const rows = rates.flatMap((r) => {
    const of = (form: string) =>
      result.cpu.filter((p) => p.rate === r && p.form === form);
    const cpu = (form: string) =>
      spread(of(form).map((p) => p.result.cpuPerDeliveryMicros));
    const full = cpu("full");
    return (["full", "delta"] as const).map((form) => [
      `${form} @ ${rate(r)}/s`,
      rate(spread(of(form).map((p) => p.result.deliveredPerSecond)).median),
      spreadText(cpu(form), (n) => fixed(n, 2)),
      ratio(cpu(form).median, full.median),
      fixed(spread(of(form).map((p) => p.result.latencyMs.p99)).median, 1),
      of(form).some((p) => p.contaminated) ? "disturbed" : "",
    ]);
  });
  const { fullMicros, deltaMicros } = result.compute;
  return [
    table(
      label,
      ["form", "delivered/s", "CPU us/delivery", "vs full", "p99 ms", "note"],
      rows,
    ),
    `Once per update (this process, recorded stream): whole frame ${fixed(fullMicros, 2)} us, ` +
      `delta (compare, build, serialize) ${fixed(deltaMicros, 2)} us; ` +
      `${fixed((deltaMicros - fullMicros) / 200, 4)} us per delivery at 200 subscribers a topic.`,
  ].join("\n");
}
