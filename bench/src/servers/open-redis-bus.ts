import { Registry } from "prom-client";
import { RedisBus, type Bus } from "../backend";

/**
 * The backend's Redis bus on `url`, as a clustered instance opens it; its `tradewire_bus_*`
 * metrics go to a registry of their own (nobody scrapes a bench server).
 */
export function openRedisBus(url: string): Promise<Bus> {
  return RedisBus.connect({
    url,
    registry: new Registry(),
    onHandlerError: (err, channel) =>
      process.stderr.write(
        `bench bus: handler on ${channel}: ${String(err)}\n`,
      ),
  });
}
