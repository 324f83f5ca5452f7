import type { ExecutionPage_Api_Backend } from "../../clients/api-types-generated";
import type { Execution_Ws_Backend } from "../../clients/ws-types-generated";
import { Fanout } from "../fanout";

/** The account's fills in sequence order; `stream` is the executions channel. */
export class ExecutionLog {
  readonly stream = new Fanout<Execution_Ws_Backend>();
  private readonly fills: Execution_Ws_Backend[] = [];

  append(
    fill: Omit<Execution_Ws_Backend, "id" | "sequence">,
  ): Execution_Ws_Backend {
    const sequence = this.fills.length + 1;
    const execution = { ...fill, id: `X${sequence}`, sequence };
    this.fills.push(execution);
    this.stream.emit(execution);
    return execution;
  }

  /** What a subscriber with cursor `since` missed. */
  after(since: number): Execution_Ws_Backend[] {
    return this.fills.filter((x) => x.sequence > since);
  }

  /** A REST page, newest first, of fills older than `before`. */
  page(before: number | undefined, limit = 100): ExecutionPage_Api_Backend {
    const older = this.fills
      .filter((x) => before === undefined || x.sequence < before)
      .reverse();
    const items = older.slice(0, limit);
    const last = items[items.length - 1];
    return older.length > limit && last
      ? { items, nextBefore: last.sequence }
      : { items };
  }
}
