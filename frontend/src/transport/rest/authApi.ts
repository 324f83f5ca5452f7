import type {
  LoginResponse_Api_Backend,
  Me_Api_Backend,
} from "../../clients/api-types-generated";

/** Sign-in over /api/v1/auth; failures are ApiErrors. */
export interface AuthApi {
  /** Signs in; the server also sets the HttpOnly `tw_token` cookie the socket uses. */
  login(username: string, password: string): Promise<LoginResponse_Api_Backend>;
  /** The current session, or null when there is none (401). */
  me(): Promise<Me_Api_Backend | null>;
  logout(): Promise<void>;
  /**
   * Moves the session to another of the user's accounts: a new cookie, the old token revoked (its
   * socket is closed with 4001), so the terminal reopens its session after this resolves.
   */
  switchAccount(accountId: string): Promise<LoginResponse_Api_Backend>;
}
