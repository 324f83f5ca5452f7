import { describe, expect, it } from "vitest";
import type { RouteHandler, RouterHost } from "../router/router-host";
import { RouteTable } from "./route-table";

function router(route: string, topicCount: number, subscriptionCount: number) {
  const attached: RouterHost[] = [];
  const handler = {
    route,
    topicCount,
    subscriptionCount,
    attach: (host: RouterHost) => attached.push(host),
    closeAll: () => Promise.resolve(),
  } as unknown as RouteHandler;
  return { handler, attached };
}

describe("RouteTable", () => {
  it("lends each router the host once and sums their topics and subscriptions", () => {
    const host = {} as RouterHost;
    const table = new RouteTable();
    const quotes = router("quotes", 3, 10);
    const orders = router("orders", 2, 2);
    table.register(quotes.handler, host);
    table.register(orders.handler, host);
    expect(quotes.attached).toEqual([host]);
    expect(table.routes).toEqual(["quotes", "orders"]);
    expect(table.topicCount).toBe(5);
    expect(table.subscriptionCount).toBe(12);
  });

  it("refuses a second router for the same route", () => {
    const table = new RouteTable();
    table.register(router("bars", 0, 0).handler, {} as RouterHost);
    expect(() =>
      table.register(router("bars", 0, 0).handler, {} as RouterHost),
    ).toThrow("route bars is registered twice");
  });
});
