import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bus, BusErrorListener } from "./bus";

/** Builds a fresh bus for one test; it reports handler errors to `onHandlerError`. */
export type BusFactory = (
  onHandlerError: BusErrorListener,
) => Bus | Promise<Bus>;

/**
 * The guarantees every Bus keeps, as vitest tests: run it for each implementation
 * (`describeBusContract("in-process", (onError) => new InProcessBus(onError))`). Delivery may be
 * asynchronous (a Redis bus), so the tests wait for what should arrive, and prove that something
 * did not arrive by sending a later marker on the same channel: delivery is in order per channel.
 */
export function describeBusContract(name: string, makeBus: BusFactory): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    let errors: [unknown, string][];
    // Channel names unique per test, so buses sharing a backplane never see each other's tests.
    let prefix = "";
    let count = 0;
    const channel = (id: string): string => `${prefix}.${id}`;

    async function open(): Promise<Bus> {
      errors = [];
      count += 1;
      prefix = `contract.${process.pid}.${Date.now()}.${count}`;
      bus = await makeBus((err, ch) => errors.push([err, ch]));
      return bus;
    }

    function recorder(): { got: unknown[]; handler: (m: unknown) => void } {
      const got: unknown[] = [];
      return { got, handler: (m) => got.push(m) };
    }

    /** Waits until `got` holds exactly `expected`. */
    async function received(
      got: unknown[],
      expected: unknown[],
    ): Promise<void> {
      await vi.waitFor(() => expect(got).toEqual(expected), {
        timeout: 5000,
        interval: 5,
      });
    }

    afterEach(async () => {
      await bus.close();
    });

    it("delivers a published message, equal to what was sent, to every subscriber of its channel", async () => {
      await open();
      const a = recorder();
      const b = recorder();
      await bus.subscribe(channel("sessions"), a.handler);
      await bus.subscribe(channel("sessions"), b.handler);
      const message = { kind: "token-revoked", tokenId: "t-1", n: [1, 2.5] };
      await bus.publish(channel("sessions"), message);
      await received(a.got, [message]);
      await received(b.got, [message]);
    });

    it("delivers to subscribers of that channel only", async () => {
      await open();
      const quotes = recorder();
      const orders = recorder();
      await bus.subscribe(channel("quotes"), quotes.handler);
      await bus.subscribe(channel("orders"), orders.handler);
      await bus.publish(channel("quotes"), "q1");
      await received(quotes.got, ["q1"]);
      await bus.publish(channel("orders"), "marker");
      await received(orders.got, ["marker"]);
    });

    it("keeps the publisher's order within a channel", async () => {
      await open();
      const r = recorder();
      await bus.subscribe(channel("seq"), r.handler);
      const sent = Array.from({ length: 50 }, (_, i) => i);
      for (const n of sent) await bus.publish(channel("seq"), n);
      await received(r.got, sent);
    });

    it("stops delivering to a subscription once it is stopped, and only to it", async () => {
      await open();
      const stopped = recorder();
      const kept = recorder();
      const stop = await bus.subscribe(channel("c"), stopped.handler);
      await bus.subscribe(channel("c"), kept.handler);
      await bus.publish(channel("c"), 1);
      await received(stopped.got, [1]);
      await stop();
      await bus.publish(channel("c"), 2);
      await received(kept.got, [1, 2]);
      expect(stopped.got).toEqual([1]);
    });

    it("stopping a subscription twice leaves later subscribers of the channel alone", async () => {
      await open();
      const stop = await bus.subscribe(channel("c"), () => undefined);
      await stop();
      const later = recorder();
      await bus.subscribe(channel("c"), later.handler);
      await stop();
      await bus.publish(channel("c"), "still here");
      await received(later.got, ["still here"]);
    });

    it("a throwing subscriber does not stop the others, and is reported", async () => {
      await open();
      const before = recorder();
      const after = recorder();
      await bus.subscribe(channel("c"), before.handler);
      await bus.subscribe(channel("c"), () => {
        throw new Error("handler failed");
      });
      await bus.subscribe(channel("c"), after.handler);
      await bus.publish(channel("c"), 1);
      await bus.publish(channel("c"), 2);
      await received(before.got, [1, 2]);
      await received(after.got, [1, 2]);
      await vi.waitFor(() => expect(errors).toHaveLength(2));
      expect(errors[0]?.[0]).toBeInstanceOf(Error);
      expect(errors.map(([, ch]) => ch)).toEqual([channel("c"), channel("c")]);
    });

    it("is connected once open, and not after close", async () => {
      await open();
      expect(bus.connected()).toBe(true);
      await bus.close();
      expect(bus.connected()).toBe(false);
    });

    it("after close, nothing reaches a handler and subscribing is refused", async () => {
      await open();
      const r = recorder();
      await bus.subscribe(channel("c"), r.handler);
      await bus.close();
      // A closed bus may drop the message or refuse to publish; either way nobody hears it.
      await bus.publish(channel("c"), "late").catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      expect(r.got).toEqual([]);
      await expect(bus.subscribe(channel("c"), r.handler)).rejects.toThrow();
    });
  });
}
