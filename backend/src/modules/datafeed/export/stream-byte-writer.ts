import { ByteWriter } from "hyparquet-writer";
import type { PartialFile } from "./partial-file";

/**
 * hyparquet-writer's byte sink, emptied into the file after every row group (the library calls
 * `flush` then and awaits it), so at most one encoded row group is in memory; the caller flushes
 * the footer after the library's `finish`. The library's own `fileWriter` appends with
 * synchronous writes instead, blocking the event loop on disk.
 */
export class StreamByteWriter extends ByteWriter {
  constructor(private readonly file: PartialFile) {
    super(1 << 20);
  }

  /** Hand the bytes so far to the file; the buffer is reused, so they are copied. */
  async flush(): Promise<void> {
    if (this.index === 0) return;
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    await this.file.write(bytes);
  }
}
