import type { ClusterRole } from "../cluster/role";

/**
 * A cluster role a test sets by hand: `promote()` and `demote()` run the listeners as a real
 * election would (in registration order, each awaited), so one process can hold a leader and
 * followers sharing one database and one bus.
 */
export class ManualRole implements ClusterRole {
  readonly clustered = true;
  private leader: boolean;
  private readonly listeners = new Set<
    (leader: boolean) => void | Promise<void>
  >();
  private changing: Promise<void> = Promise.resolve();

  constructor(
    readonly instanceId: string,
    leader = false,
  ) {
    this.leader = leader;
  }

  isLeader(): boolean {
    return this.leader;
  }

  onChange(listener: (leader: boolean) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  promote(): Promise<void> {
    return this.set(true);
  }

  demote(): Promise<void> {
    return this.set(false);
  }

  private set(leader: boolean): Promise<void> {
    this.changing = this.changing.then(async () => {
      if (this.leader === leader) return;
      this.leader = leader;
      for (const listener of [...this.listeners]) await listener(leader);
    });
    return this.changing;
  }
}
