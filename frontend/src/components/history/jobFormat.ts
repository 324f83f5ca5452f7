const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const DASH = "—";

/** Bars as counted: `1,234,567`. */
export function formatBars(count: number): string {
  return integer.format(count);
}

/** A job's rate: `850 bars/s`, `12.4k bars/s`, `1.25M bars/s`; a dash when not running. */
export function formatRate(barsPerSecond: number): string {
  if (!(barsPerSecond > 0)) return DASH;
  if (barsPerSecond >= 1e6)
    return `${(barsPerSecond / 1e6).toFixed(2)}M bars/s`;
  if (barsPerSecond >= 1e4)
    return `${(barsPerSecond / 1e3).toFixed(1)}k bars/s`;
  return `${integer.format(barsPerSecond)} bars/s`;
}

/** Time left: `< 1 s`, `42 s`, `3 min 05 s`, `2 h 07 min`; a dash without an estimate. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
    return DASH;
  if (seconds < 1) return "< 1 s";
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (total < 3600) return `${Math.floor(total / 60)} min ${pad(total % 60)} s`;
  return `${Math.floor(total / 3600)} h ${pad(Math.floor((total % 3600) / 60))} min`;
}

/** A file size: `812 B`, `14.2 KB`, `3.40 MB`, `1.02 GB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return DASH;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(2)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Progress as a whole percent, never 100 % before the job says it completed. */
export function formatProgress(fraction: number, completed: boolean): string {
  const percent = completed ? 100 : Math.min(99, Math.floor(fraction * 100));
  return `${percent} %`;
}
