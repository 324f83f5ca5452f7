import type { SeedUser } from "./user-store";

/** Seeded on every start when missing; documented in README (Demo users). */
export const DEMO_USERS: readonly SeedUser[] = [
  {
    id: "u-alice",
    username: "alice",
    displayName: "Alice Carter",
    password: "demo1234",
    accounts: [
      {
        id: "acc-alice-main",
        name: "Alice Main",
        currency: "USD",
        startingBalance: 100_000,
      },
      {
        id: "acc-alice-swing",
        name: "Alice Swing",
        currency: "USD",
        startingBalance: 25_000,
      },
    ],
  },
  {
    id: "u-bob",
    username: "bob",
    displayName: "Bob Nakamura",
    password: "demo1234",
    accounts: [
      {
        id: "acc-bob-main",
        name: "Bob Main",
        currency: "USD",
        startingBalance: 100_000,
      },
    ],
  },
];
