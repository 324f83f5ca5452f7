/** Where the backfill reports how far it got. */
export interface ProgressReporter {
  start(total: number, label: string): void;
  advance(done: number): void;
  finish(message: string): void;
}

const WIDTH = 30;

/**
 * A console progress bar on a TTY (redrawn in place), or a line per 10% when the output is a
 * file or a pipe, so logs stay readable.
 */
export class ConsoleProgress implements ProgressReporter {
  private total = 0;
  private done = 0;
  private label = "";
  private started = 0;
  private lastDecile = -1;
  private lastDraw = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  start(total: number, label: string): void {
    this.total = Math.max(1, total);
    this.done = 0;
    this.label = label;
    this.started = Date.now();
    this.lastDecile = -1;
    this.draw(true);
  }

  advance(done: number): void {
    this.done = Math.min(this.total, this.done + done);
    this.draw(false);
  }

  finish(message: string): void {
    this.done = this.total;
    this.draw(true);
    this.out.write(this.out.isTTY ? `\n${message}\n` : `${message}\n`);
  }

  private draw(force: boolean): void {
    const fraction = this.done / this.total;
    if (!this.out.isTTY) {
      const decile = Math.floor(fraction * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.out.write(
          `${this.label}: ${Math.round(fraction * 100)}% (${this.done.toLocaleString("en-US")} of ${this.total.toLocaleString("en-US")})\n`,
        );
      }
      return;
    }
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const filled = Math.round(fraction * WIDTH);
    const elapsed = (now - this.started) / 1000;
    const eta = fraction > 0 ? Math.max(0, elapsed / fraction - elapsed) : 0;
    this.out.write(
      `\r${this.label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${this.done.toLocaleString("en-US")}/${this.total.toLocaleString("en-US")} ETA ${eta.toFixed(0)}s `,
    );
  }
}

/** For tests and embedded uses: reports nothing. */
export const silentProgress: ProgressReporter = {
  start() {},
  advance() {},
  finish() {},
};
