import type { CatalogEntry } from "../market";
import type { Roll } from "./roll-adjustments";

/** One continuous series' rolls up to now and the contract it follows at any moment. */
export class RollSchedule {
  constructor(
    readonly entry: CatalogEntry,
    /** Oldest first, with cumulative adjustments. */
    readonly rolls: readonly Roll[],
    /** The contract followed now. */
    readonly current: string,
  ) {}

  /** The contract served at `timeMs`: the `from` of the first later roll, else the current one. */
  contractAt(timeMs: number): string {
    const next = this.rolls.find((r) => r.time > timeMs);
    return next ? next.from : this.current;
  }

  /** The first roll after `timeMs`, if any: when the series next switches contract. */
  rollAfter(timeMs: number): Roll | undefined {
    return this.rolls.find((r) => r.time > timeMs);
  }
}
