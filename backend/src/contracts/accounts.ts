import type { components } from "@tradewire/client";

export type Account = components["schemas"]["Account"];

/** Who owns which account; provided by the auth module to the others through the app factory. */
export interface AccountDirectory {
  /** The user's accounts, default first. */
  accountsOf(userId: string): Promise<Account[]>;
}
