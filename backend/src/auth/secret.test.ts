import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadJwtSecret } from "./secret";

describe("loadJwtSecret", () => {
  it("uses JWT_SECRET when it is configured and writes nothing", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "tw-secret-")), "data");
    expect(loadJwtSecret("configured-secret-configured-secret-123", dir)).toBe(
      "configured-secret-configured-secret-123",
    );
    expect(() => statSync(dir)).toThrow();
  });

  it("generates a secret once, keeps it readable only by the owner, and reuses it after a restart", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "tw-secret-")), "data");
    const first = loadJwtSecret(null, dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, "jwt-secret")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "jwt-secret"), "utf8").trim()).toBe(first);
    expect(loadJwtSecret(null, dir)).toBe(first);
    const other = loadJwtSecret(
      null,
      join(mkdtempSync(join(tmpdir(), "tw-secret-")), "data"),
    );
    expect(other).not.toBe(first);
  });
});
