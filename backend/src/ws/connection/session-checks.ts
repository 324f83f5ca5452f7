import type { FastifyBaseLogger } from "fastify";
import type { SessionGuard } from "../../auth/sessions";
import type { ConnectionAuth } from "../../auth/identity";
import type { WsConnection } from "./connection";

/**
 * The periodic check of every authenticated socket's session (WS_SESSION_CHECK_MS): each guard a
 * module offers answers whether the token is still good and its user and account still exist.
 * Sockets are grouped by token, so a token with many sockets costs one question per guard. A
 * guard that fails (its database is down) is logged and the sockets are kept: a store outage
 * must not log everybody out; the next check asks again. Revocations announced on the bus close
 * sockets at once; this check catches what was never announced.
 */
export class SessionChecks {
  private readonly guards: SessionGuard[] = [];
  private running: Promise<number> | null = null;

  constructor(private readonly log: FastifyBaseLogger) {}

  add(guard: SessionGuard): void {
    this.guards.push(guard);
  }

  get empty(): boolean {
    return this.guards.length === 0;
  }

  /** End every open authenticated socket whose session `ended` matches; returns how many. */
  closeEnded(
    connections: Iterable<WsConnection>,
    ended: (auth: ConnectionAuth) => boolean,
    end: (conn: WsConnection) => void,
  ): number {
    let closed = 0;
    for (const conn of connections) {
      if (conn.open && conn.auth && ended(conn.auth)) {
        end(conn);
        closed += 1;
      }
    }
    return closed;
  }

  /** Check every open authenticated socket once; resolves with how many sessions ended. */
  run(
    connections: Iterable<WsConnection>,
    end: (conn: WsConnection) => void,
  ): Promise<number> {
    // A check still running (a slow store) is not started twice.
    this.running ??= this.checkAll(connections, end).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkAll(
    connections: Iterable<WsConnection>,
    end: (conn: WsConnection) => void,
  ): Promise<number> {
    const byToken = new Map<string, WsConnection[]>();
    for (const conn of connections) {
      if (!conn.auth || !conn.open) continue;
      const group = byToken.get(conn.auth.tokenId);
      if (group) group.push(conn);
      else byToken.set(conn.auth.tokenId, [conn]);
    }
    let ended = 0;
    for (const group of byToken.values()) {
      const auth = (group[0] as WsConnection).auth;
      if (!auth || (await this.active(group[0] as WsConnection))) continue;
      ended += 1;
      for (const conn of group) end(conn);
    }
    return ended;
  }

  private active(conn: WsConnection): Promise<boolean> {
    return conn.auth ? this.isActive(conn.auth) : Promise.resolve(true);
  }

  /** Whether every guard still holds for this session (a failing guard counts as holding). */
  async isActive(auth: ConnectionAuth): Promise<boolean> {
    for (const guard of this.guards) {
      try {
        if (!(await guard.isActive(auth))) return false;
      } catch (err) {
        this.log.warn(
          { err, userId: auth.userId, accountId: auth.accountId },
          "session check failed; the socket is kept until the next check",
        );
      }
    }
    return true;
  }
}
