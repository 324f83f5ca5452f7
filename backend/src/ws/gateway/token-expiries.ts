import { CloseCode } from "@tradewire/client";
import type { ConnectionAuth } from "../../auth/identity";
import type { Clock } from "../../clock";
import type { WsConnection } from "../connection/connection";

/** Closes (4001) each authenticated socket when its token expires, unless it closed before. */
export class TokenExpiries {
  private readonly timers = new Map<WsConnection, NodeJS.Timeout>();

  constructor(private readonly clock: Clock) {}

  watch(conn: WsConnection, auth: ConnectionAuth): void {
    const timer = setTimeout(
      () => conn.close(CloseCode.TokenInvalid, "token expired"),
      Math.max(0, auth.expiresAt - this.clock.now()),
    );
    timer.unref();
    this.timers.set(conn, timer);
  }

  forget(conn: WsConnection): void {
    const timer = this.timers.get(conn);
    if (timer) clearTimeout(timer);
    this.timers.delete(conn);
  }
}
