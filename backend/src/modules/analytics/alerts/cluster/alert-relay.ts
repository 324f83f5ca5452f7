import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../../bus/bus";
import { AccountRelay } from "../../../../cluster/account-relay";
import { alertsAccountChannel } from "../../../../cluster/channels";
import type { AlertBus, AlertChange } from "../engine/alert-bus";

/** An alert change as it travels on the bus; anything else is dropped (and logged). */
function alertChangeOf(change: unknown): AlertChange | null {
  if (typeof change !== "object" || change === null) return null;
  const { kind } = change as Partial<AlertChange>;
  return kind === "rule" || kind === "event" ? (change as AlertChange) : null;
}

/**
 * The alerts' fan-out when several instances run: a change reaches this instance's listeners at
 * once and every other instance's over `alerts.account.<id>`. An instance subscribes to an
 * account's channel only while its own sockets follow that account, and ignores what it published
 * itself (cluster/account-relay.ts).
 */
export class AlertRelay extends AccountRelay<AlertChange> implements AlertBus {
  constructor(bus: Bus, instanceId: string, log: FastifyBaseLogger) {
    super(bus, instanceId, log, {
      channelOf: alertsAccountChannel,
      parse: alertChangeOf,
      what: "alert change",
    });
  }
}
