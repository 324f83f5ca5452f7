import { describe, expect, it } from "vitest";
import { toLoginResult, toSession } from "./session";

const USER = { id: "u1", username: "alice", displayName: "Alice Demo" };

describe("session mappers", () => {
  it("maps /auth/me: user, acting account and every account", () => {
    expect(
      toSession({
        user: USER,
        accountId: "a1",
        accounts: [
          { id: "a1", name: "Main", currency: "USD" },
          { id: "a2", name: "Second", currency: "EUR" },
        ],
      }),
    ).toStrictEqual({
      user: USER,
      accountId: "a1",
      accounts: [
        { id: "a1", name: "Main", currency: "USD" },
        { id: "a2", name: "Second", currency: "EUR" },
      ],
    });
  });

  it("maps a login answer and drops the token, which the HttpOnly cookie carries", () => {
    const result = toLoginResult({
      token: "jwt",
      expiresAt: 1_700_000_000_000,
      user: USER,
      accountId: "a1",
    });
    expect(result).toStrictEqual({
      user: USER,
      accountId: "a1",
      expiresAt: 1_700_000_000_000,
    });
    expect(result).not.toHaveProperty("token");
  });
});
