import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../../bus/bus";
import { AccountRelay } from "../../../../cluster/account-relay";
import { jobsAccountChannel } from "../../../../cluster/channels";
import type { StoredJob } from "../model";

/** A job as it travels on the bus; anything else is dropped (and logged) by the relay. */
function storedJobOf(change: unknown): StoredJob | null {
  if (typeof change !== "object" || change === null) return null;
  const { accountId, instanceId, job } = change as Partial<StoredJob>;
  if (typeof accountId !== "string" || typeof instanceId !== "string")
    return null;
  if (typeof job !== "object" || job === null) return null;
  return typeof job.id === "string" && typeof job.status === "string"
    ? (change as StoredJob)
    : null;
}

/**
 * Clustered, a job's status changes and progress reach the `jobs` topics of its account on every
 * instance: at once on the instance that runs it, over `jobs.account.<id>` on the others, which
 * subscribe only while one of their sockets holds the account's `jobs` topic.
 */
export function jobRelay(
  bus: Bus,
  instanceId: string,
  log: FastifyBaseLogger,
): AccountRelay<StoredJob> {
  return new AccountRelay(bus, instanceId, log, {
    channelOf: jobsAccountChannel,
    parse: storedJobOf,
    what: "history job change",
  });
}
