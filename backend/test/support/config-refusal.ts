import { ConfigError } from "../../src/env";

/** The ConfigError `read` stops with; fails the test when it accepts or throws anything else. */
export function refusalOf(read: () => unknown): ConfigError {
  try {
    read();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("the configuration was accepted");
}
