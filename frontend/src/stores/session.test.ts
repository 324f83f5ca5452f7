import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { memoryStorage } from "../../test/support/simulation";
import type { AuthApi } from "../transport/rest/authApi";
import { simulatedAuthApi } from "../simulation/rest/simulatedAuthApi";
import { useSessionStore } from "./session";

describe("session store", () => {
  let auth: AuthApi;
  beforeEach(() => {
    setActivePinia(createPinia());
    auth = simulatedAuthApi(memoryStorage(), () => 0);
  });

  it("finds no session before sign-in", async () => {
    const store = useSessionStore();
    expect(store.status).toBe("checking");
    await store.restore(auth);
    expect(store.status).toBe("signedOut");
  });

  it("signs in a demo user with the accounts from /auth/me, and restores the session after a reload", async () => {
    const store = useSessionStore();
    expect(await store.login(auth, "alice", "demo1234")).toBe(true);
    expect(store.status).toBe("signedIn");
    expect(store.session).toMatchObject({
      user: { username: "alice" },
      accountId: "acc-alice",
    });
    expect(store.session?.accounts.map((a) => a.id)).toEqual([
      "acc-alice",
      "acc-alice-swing",
    ]);

    setActivePinia(createPinia());
    const reloaded = useSessionStore();
    await reloaded.restore(auth);
    expect(reloaded.session?.user.username).toBe("alice");
  });

  it("keeps the server's message for a wrong password", async () => {
    const store = useSessionStore();
    expect(await store.login(auth, "bob", "nope")).toBe(false);
    expect(store.status).not.toBe("signedIn");
    expect(store.error).toBe("wrong username or password");
  });

  it("signs out, and expires with a message", async () => {
    const store = useSessionStore();
    await store.login(auth, "bob", "demo1234");
    await store.logout(auth);
    expect(store.status).toBe("signedOut");
    await store.restore(auth);
    expect(store.session).toBeNull();
    await store.login(auth, "bob", "demo1234");
    store.expire("Your session has expired.");
    expect(store.status).toBe("signedOut");
    expect(store.error).toBe("Your session has expired.");
  });

  it("switches account only after the services closed, and reopens the session even when refused", async () => {
    const store = useSessionStore();
    await store.login(auth, "alice", "demo1234");
    const steps: string[] = [];
    const close = () => {
      steps.push(`closed while ${store.session?.accountId}`);
      return Promise.resolve();
    };
    expect(await store.switchAccount(auth, "acc-alice-swing", close)).toBe(
      true,
    );
    expect(steps).toEqual(["closed while acc-alice"]);
    expect(store.session?.accountId).toBe("acc-alice-swing");
    expect(store.generation).toBe(1);
    expect(store.switching).toBe(false);

    // Bob's account is not hers: refused, she stays where she was, with a new session opened.
    expect(await store.switchAccount(auth, "acc-bob", close)).toBe(false);
    expect(store.error).toBe("no such account");
    expect(store.session?.accountId).toBe("acc-alice-swing");
    expect(store.generation).toBe(2);
    // The account already shown is no switch at all.
    expect(await store.switchAccount(auth, "acc-alice-swing", close)).toBe(
      false,
    );
    expect(steps).toHaveLength(2);
    expect(store.generation).toBe(2);
  });
});
