/**
 * Which part this instance plays when several share one database and one bus. Exactly one
 * instance is the leader at a time: it runs the simulator and stores closed minutes, matches
 * working orders and evaluates alerts; the others (followers) serve sockets and REST from the bus
 * and the database. A single instance (no `REDIS_URL`) is always the leader and never clustered.
 */
export interface ClusterRole {
  /** This instance's id: in logs, `/metrics`, pong frames and the bus messages it publishes. */
  readonly instanceId: string;
  /**
   * True when other instances may share the database and the bus (`REDIS_URL` set). False: one
   * instance, leader for its whole life; modules then publish nothing meant for other instances.
   */
  readonly clustered: boolean;
  isLeader(): boolean;
  /**
   * Called with the new state each time leadership is gained or lost (never with the current one
   * on registration). Listeners may be async; the role waits for them in registration order
   * before the next change, so a module finishes stepping down before it is asked to lead again.
   */
  onChange(listener: (leader: boolean) => void | Promise<void>): () => void;
}

/** The role of a lone instance: always the leader, never clustered. */
export function soloRole(instanceId: string): ClusterRole {
  return {
    instanceId,
    clustered: false,
    isLeader: () => true,
    onChange: () => () => undefined,
  };
}
