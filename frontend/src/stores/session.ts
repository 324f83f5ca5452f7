import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import { toLoginResult, toSession, type Session } from "../model/session";
import type { AuthApi } from "../transport/rest/authApi";

export type SessionStatus = "checking" | "signedOut" | "signedIn";

/** Who is signed in. The cookie is the session; this store only mirrors what /auth/me says. */
export const useSessionStore = defineStore("session", () => {
  const status = ref<SessionStatus>("checking");
  const session = shallowRef<Session | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** Counts terminal sessions: the terminal view is keyed by it, so a new one reopens them. */
  const generation = ref(0);
  /** True from the moment an account switch starts until the new session can open. */
  const switching = ref(false);

  function settle(next: Session | null): void {
    session.value = next;
    status.value = next ? "signedIn" : "signedOut";
  }

  /** After a reload: the cookie may still hold a session. */
  async function restore(auth: AuthApi): Promise<void> {
    status.value = "checking";
    try {
      const me = await auth.me();
      settle(me ? toSession(me) : null);
    } catch (failure) {
      settle(null);
      error.value = messageOf(failure);
    }
  }

  async function login(
    auth: AuthApi,
    username: string,
    password: string,
  ): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const result = toLoginResult(await auth.login(username, password));
      // /auth/me lists the user's accounts, which the login answer does not.
      const me = await auth.me().catch(() => null);
      settle(
        me
          ? toSession(me)
          : { user: result.user, accountId: result.accountId, accounts: [] },
      );
      return true;
    } catch (failure) {
      error.value = messageOf(failure);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function logout(auth: AuthApi): Promise<void> {
    // Signed out locally even if the server cannot be told; the cookie expires on its own.
    await auth.logout().catch(() => undefined);
    error.value = null;
    settle(null);
  }

  /** The server stopped accepting the session (socket closed with 4001). */
  function expire(message: string): void {
    error.value = message;
    settle(null);
  }

  /**
   * Moves the session to another of the user's accounts. The server revokes the old token and
   * closes its socket with 4001, so `closeServices` (the terminal's streams and socket) runs
   * first: that close must not read as an expired session. Whatever the answer, a new terminal
   * session opens after, on the account the cookie now holds.
   */
  async function switchAccount(
    auth: AuthApi,
    accountId: string,
    closeServices: () => Promise<void>,
  ): Promise<boolean> {
    const current = session.value;
    if (!current || switching.value || accountId === current.accountId)
      return false;
    switching.value = true;
    error.value = null;
    try {
      await closeServices();
      await auth.switchAccount(accountId);
      const me = await auth.me();
      settle(me ? toSession(me) : null);
      return true;
    } catch (failure) {
      error.value = messageOf(failure);
      return false;
    } finally {
      generation.value += 1;
      switching.value = false;
    }
  }

  return {
    status,
    session,
    error,
    busy,
    generation,
    switching,
    restore,
    login,
    logout,
    expire,
    switchAccount,
  };
});

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
