import { expect, type Page } from "@playwright/test";

/** The PostgreSQL server and Redis a cluster scenario shares between its instances. */
export interface ClusterServices {
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

/**
 * DATABASE_URL and REDIS_URL when both are set, else null with the reason printed; in CI their
 * absence fails the run rather than skipping the scenario (the backend tests' house rule).
 */
export function clusterServices(): ClusterServices | null {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl };
  const missing = [
    databaseUrl ? "" : "DATABASE_URL",
    redisUrl ? "" : "REDIS_URL",
  ]
    .filter(Boolean)
    .join(" and ");
  if (process.env.CI)
    throw new Error(
      `CI is set but ${missing} is not: the cluster scenario would be skipped`,
    );
  process.stderr.write(
    `${missing} not set: the cluster scenario does not run\n`,
  );
  return null;
}

/** The instance the page's socket is on, from the connection status tooltip, once it is connected. */
export async function connectedInstance(page: Page): Promise<string> {
  const tooltip = page.getByTestId("connection-tooltip");
  await expect(page.getByTestId("connection-status")).toHaveAttribute(
    "data-status",
    "connected",
  );
  await expect(tooltip).toHaveAttribute("title", /^Instance \S+/);
  const title = (await tooltip.getAttribute("title")) ?? "";
  return /^Instance (\S+)/.exec(title)?.[1] ?? "";
}
