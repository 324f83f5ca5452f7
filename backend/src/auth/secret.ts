import { randomBytes } from "node:crypto";
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

const SECRET_FILE = "jwt-secret";

/**
 * The signing secret: JWT_SECRET when configured, otherwise one generated on first start and kept
 * (mode 0600) in the data folder so tokens survive restarts. Never logged.
 */
export function loadJwtSecret(
  configured: string | null,
  dataDir: string,
): string {
  if (configured !== null) return configured;
  const path = join(dataDir, SECRET_FILE);
  try {
    const existing = readFileSync(path, "utf8").trim();
    if (existing.length >= 32) {
      // A secret an older version or a looser umask left readable by others is tightened.
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      return existing;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
