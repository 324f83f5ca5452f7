import type {
  Account_Api_Backend,
  LoginResponse_Api_Backend,
  Me_Api_Backend,
  User_Api_Backend,
} from "../clients/api-types-generated";

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
}

/** The signed-in user, the account the session acts on, and the user's accounts. */
export interface Session {
  readonly user: User;
  readonly accountId: string;
  readonly accounts: readonly Account[];
}

/** What a login answers, minus the token: the HttpOnly cookie carries it, scripts never keep it. */
export interface LoginResult {
  readonly user: User;
  readonly accountId: string;
  readonly expiresAt: number;
}

export function toUser(wire: User_Api_Backend): User {
  return {
    id: wire.id,
    username: wire.username,
    displayName: wire.displayName,
  };
}

export function toAccount(wire: Account_Api_Backend): Account {
  return { id: wire.id, name: wire.name, currency: wire.currency };
}

export function toSession(wire: Me_Api_Backend): Session {
  return {
    user: toUser(wire.user),
    accountId: wire.accountId,
    accounts: wire.accounts.map(toAccount),
  };
}

export function toLoginResult(wire: LoginResponse_Api_Backend): LoginResult {
  return {
    user: toUser(wire.user),
    accountId: wire.accountId,
    expiresAt: wire.expiresAt,
  };
}
