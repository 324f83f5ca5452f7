import type { Me_Api_Backend } from "../../clients/api-types-generated";
import { SimulatedError } from "../simulatedError";
import type { AuthApi } from "../../transport/rest/authApi";
import { simulate } from "./simulate";

/** The demo users the real backend seeds; the simulation accepts the same credentials. */
const DEMO_USERS: Record<string, Me_Api_Backend> = {
  alice: {
    user: { id: "user-alice", username: "alice", displayName: "Alice Demo" },
    accountId: "acc-alice",
    accounts: [{ id: "acc-alice", name: "Alice paper", currency: "USD" }],
  },
  bob: {
    user: { id: "user-bob", username: "bob", displayName: "Bob Demo" },
    accountId: "acc-bob",
    accounts: [{ id: "acc-bob", name: "Bob paper", currency: "USD" }],
  },
};
export const DEMO_PASSWORD = "demo1234";
const SESSION_DAYS = 1;

/** A simulated sign-in; `storage` plays the cookie, so a reload keeps the session. */
export function simulatedAuthApi(
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">,
  now: () => number,
): AuthApi {
  const KEY = "tradewire.simulated-session";
  return {
    login: (username, password) =>
      simulate(() => {
        const me = DEMO_USERS[username];
        if (!me || password !== DEMO_PASSWORD)
          throw new SimulatedError(
            "UNAUTHORIZED",
            "wrong username or password",
            401,
          );
        storage.setItem(KEY, username);
        return {
          token: "simulated",
          expiresAt: now() + SESSION_DAYS * 86_400_000,
          user: me.user,
          accountId: me.accountId,
        };
      }),
    me: () => simulate(() => DEMO_USERS[storage.getItem(KEY) ?? ""] ?? null),
    logout: () => simulate(() => storage.removeItem(KEY)),
  };
}
