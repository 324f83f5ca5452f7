import type { components } from "@tradewire/client";

export type UserSettings = components["schemas"]["UserSettings"];
export type Watchlist = components["schemas"]["Watchlist"];
export type WatchlistInput = components["schemas"]["WatchlistInput"];
export type Drawing = components["schemas"]["Drawing"];
