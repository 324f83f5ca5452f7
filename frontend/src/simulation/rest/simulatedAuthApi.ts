import type { Me_Api_Backend } from "../../clients/api-types-generated";
import { SimulatedError } from "../simulatedError";
import type { AuthApi } from "../../transport/rest/authApi";
import { simulate } from "./simulate";

/** The demo users the real backend seeds; the simulation accepts the same credentials. */
const DEMO_USERS: Record<string, Me_Api_Backend> = {
  alice: {
    user: { id: "user-alice", username: "alice", displayName: "Alice Demo" },
    accountId: "acc-alice",
    // Two accounts, as on the real backend, so the account switcher can be tried offline.
    accounts: [
      { id: "acc-alice", name: "Alice paper", currency: "USD" },
      { id: "acc-alice-swing", name: "Alice swing", currency: "USD" },
    ],
  },
  bob: {
    user: { id: "user-bob", username: "bob", displayName: "Bob Demo" },
    accountId: "acc-bob",
    accounts: [{ id: "acc-bob", name: "Bob paper", currency: "USD" }],
  },
};
export const DEMO_PASSWORD = "demo1234";
const SESSION_DAYS = 1;

const KEY = "tradewire.simulated-session";
/** The account the simulated session acts on, when the user switched away from the first. */
const ACCOUNT_KEY = "tradewire.simulated-account";

/** The simulated signed-in user's name ("" when none), for what the simulation keeps per user. */
export function simulatedUser(storage: Pick<Storage, "getItem">): string {
  return storage.getItem(KEY) ?? "";
}

/** The account the simulated session acts on; undefined when nobody is signed in. */
export function simulatedAccount(
  storage: Pick<Storage, "getItem">,
): string | undefined {
  const me = DEMO_USERS[storage.getItem(KEY) ?? ""];
  if (!me) return undefined;
  const chosen = storage.getItem(ACCOUNT_KEY);
  return me.accounts.some((a) => a.id === chosen) ? chosen! : me.accountId;
}

/** A simulated sign-in; `storage` plays the cookie, so a reload keeps the session. */
export function simulatedAuthApi(
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">,
  now: () => number,
): AuthApi {
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
        storage.removeItem(ACCOUNT_KEY);
        return {
          token: "simulated",
          expiresAt: now() + SESSION_DAYS * 86_400_000,
          user: me.user,
          accountId: me.accountId,
        };
      }),
    me: () =>
      simulate(() => {
        const me = DEMO_USERS[storage.getItem(KEY) ?? ""];
        return me ? { ...me, accountId: simulatedAccount(storage)! } : null;
      }),
    logout: () =>
      simulate(() => {
        storage.removeItem(KEY);
        storage.removeItem(ACCOUNT_KEY);
      }),
    switchAccount: (accountId) =>
      simulate(() => {
        const me = DEMO_USERS[storage.getItem(KEY) ?? ""];
        if (!me) throw new SimulatedError("UNAUTHORIZED", "not signed in", 401);
        if (!me.accounts.some((a) => a.id === accountId))
          throw new SimulatedError("NOT_FOUND", "no such account", 404);
        storage.setItem(ACCOUNT_KEY, accountId);
        return {
          token: "simulated",
          expiresAt: now() + SESSION_DAYS * 86_400_000,
          user: me.user,
          accountId,
        };
      }),
  };
}
