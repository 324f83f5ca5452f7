import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { rename, rm } from "node:fs/promises";

/**
 * Export files hold an account's data: created owner read/write only (the umask can only take
 * bits away from this).
 */
const FILE_MODE = 0o600;

/**
 * A file written under `path + ".partial"` and renamed to `path` only once complete and synced,
 * so a reader of `path` never sees half a file. Writes go through a WriteStream and wait for
 * 'drain' when its buffer is full, so a fast producer never queues the export in memory.
 */
export class PartialFile {
  private closed = false;
  private failure: Error | null = null;

  private constructor(
    readonly path: string,
    readonly partialPath: string,
    private readonly stream: WriteStream,
  ) {
    // Kept for the next write or commit to throw; without a listener an I/O error would crash
    // the process.
    stream.on("error", (err) => {
      this.failure ??= err;
    });
  }

  /** Create (or replace a stale) `path.partial`, owner-only. */
  static async create(path: string): Promise<PartialFile> {
    const partialPath = `${path}.partial`;
    // A partial left by a crash is replaced; `wx` then guarantees the file is new, so its mode
    // is the one given here and never an older file's. `flush` syncs it to disk before closing.
    await rm(partialPath, { force: true });
    const stream = createWriteStream(partialPath, {
      flags: "wx",
      mode: FILE_MODE,
      flush: true,
    });
    await once(stream, "ready");
    return new PartialFile(path, partialPath, stream);
  }

  /** Append `chunk`; resolves once the stream can take more. */
  async write(chunk: string | Uint8Array): Promise<void> {
    this.check();
    if (!this.stream.write(chunk)) await this.drained();
    this.check();
  }

  /** Flush, sync and close the file, then rename it to `path`; returns its size in bytes. */
  async commit(): Promise<number> {
    this.check();
    this.stream.end();
    await once(this.stream, "close");
    this.check();
    this.closed = true;
    await rename(this.partialPath, this.path);
    return this.stream.bytesWritten;
  }

  /** Close and delete the partial file; a no-op once committed. */
  async discard(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      if (!this.stream.closed) {
        const closing = once(this.stream, "close").catch(() => undefined);
        this.stream.destroy();
        await closing;
      }
    }
    await rm(this.partialPath, { force: true });
  }

  /**
   * 'drain', or 'close' or 'error' (a `discard` meanwhile, a failed write): the caller's next
   * `check` then reports the file closed or the stored error.
   */
  private drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const settle = (): void => {
        this.stream
          .off("drain", settle)
          .off("close", settle)
          .off("error", settle);
        resolve();
      };
      this.stream.on("drain", settle).on("close", settle).on("error", settle);
    });
  }

  private check(): void {
    // Closed first: destroying the stream in `discard` fails a write still in flight.
    if (this.closed) throw new Error(`${this.partialPath} is already closed`);
    if (this.failure) throw this.failure;
  }
}
