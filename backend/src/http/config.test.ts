import { describe, expect, it } from "vitest";
import { refusalOf } from "../../test/support/config-refusal";
import { envReader } from "../env";
import { readHttpConfig } from "./config";

const read = (variables: NodeJS.ProcessEnv) =>
  readHttpConfig(envReader(variables));

describe("the server's HTTP settings", () => {
  it("has documented defaults", () => {
    expect(read({})).toEqual({
      port: 8000,
      host: "127.0.0.1",
      allowedOrigins: [],
      maxBodyBytes: 1_048_576,
      trustProxy: false,
      shutdownDrainMs: 5000,
    });
  });

  it("reads every variable", () => {
    expect(
      read({
        PORT: "9001",
        HOST: "0.0.0.0",
        ALLOWED_ORIGINS:
          "https://App.Example.com, http://localhost:5173,https://x.example:443",
        HTTP_MAX_BODY_BYTES: "4096",
        TRUST_PROXY: "10.0.0.0/8, 192.168.1.1,::1",
        SHUTDOWN_DRAIN_MS: "0",
      }),
    ).toEqual({
      port: 9001,
      host: "0.0.0.0",
      allowedOrigins: [
        "https://app.example.com",
        "http://localhost:5173",
        "https://x.example",
      ],
      maxBodyBytes: 4096,
      trustProxy: ["10.0.0.0/8", "192.168.1.1", "::1"],
      shutdownDrainMs: 0,
    });
    expect(read({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(read({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT", "must be an integer"],
    [{ PORT: "70000" }, "PORT", "must be between 0 and 65535"],
    [
      { ALLOWED_ORIGINS: "https://ok.example,https://bad.example/path" },
      "ALLOWED_ORIGINS",
      "nothing after it",
    ],
    [{ ALLOWED_ORIGINS: "*" }, "ALLOWED_ORIGINS", "not an origin"],
    [
      { ALLOWED_ORIGINS: "ftp://files.example" },
      "ALLOWED_ORIGINS",
      "http(s)://host[:port]",
    ],
    [{ HTTP_MAX_BODY_BYTES: "10" }, "HTTP_MAX_BODY_BYTES", "between 1024"],
    [{ TRUST_PROXY: "proxy.example.com" }, "TRUST_PROXY", "CIDR ranges"],
    [{ SHUTDOWN_DRAIN_MS: "-1" }, "SHUTDOWN_DRAIN_MS", "between 0"],
    [{ SHUTDOWN_DRAIN_MS: "600000" }, "SHUTDOWN_DRAIN_MS", "between 0"],
    [{ TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY", '"10.0.0.0/33"'],
  ])("rejects %j naming %s", (env, variable, reason) => {
    const error = refusalOf(() => read(env));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(reason);
  });
});
