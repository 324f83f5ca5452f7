/** The PostgreSQL and Redis every instance of a cluster shares. */
export interface SharedServices {
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

/**
 * DATABASE_URL and REDIS_URL when both are set (CI and the development machines set them), else
 * null with the reason printed; in CI their absence fails the run rather than skipping the tests.
 */
export function sharedServices(): SharedServices | null {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl };
  absent([databaseUrl ? "" : "DATABASE_URL", redisUrl ? "" : "REDIS_URL"]);
  return null;
}

/** DATABASE_URL, for tests about a real PostgreSQL server; null (reason printed) when unset. */
export function postgresServer(): string | null {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return databaseUrl;
  absent(["DATABASE_URL"]);
  return null;
}

function absent(variables: string[]): void {
  const missing = variables.filter(Boolean).join(" and ");
  if (process.env.CI)
    throw new Error(
      `CI is set but ${missing} is not: tests that need it would be skipped`,
    );
  console.warn(`${missing} not set: the tests that need it do not run`);
}
