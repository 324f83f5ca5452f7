import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { bookOrder } from "../fixtures";
import { clientRequestOf, repeatedPlacement } from "./client-orders";

const request = {
  symbol: "AAPL",
  type: OrderType.Limit,
  side: Side.Buy,
  qty: 5,
  limitPrice: 99.5,
  clientOrderId: "c-1",
};

describe("clientRequestOf", () => {
  it("writes the same request as the same sorted JSON, with DAY as the default duration", () => {
    expect(clientRequestOf(request)).toBe(
      '{"duration":"DAY","limitPrice":99.5,"qty":5,"side":1,"symbol":"AAPL","type":1}',
    );
    expect(
      clientRequestOf({
        limitPrice: 99.5,
        qty: 5,
        side: Side.Buy,
        type: OrderType.Limit,
        symbol: "AAPL",
        duration: { type: "DAY" },
        stopLoss: undefined,
      }),
    ).toBe(clientRequestOf(request));
    expect(clientRequestOf({ ...request, qty: 6 })).not.toBe(
      clientRequestOf(request),
    );
  });
});

describe("repeatedPlacement", () => {
  const earlier = bookOrder(
    {
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 5,
      limitPrice: 99.5,
      clientOrderId: "c-1",
    },
    { clientRequest: clientRequestOf(request) },
  );

  it("answers a retry with the first answer", () => {
    expect(repeatedPlacement(earlier, request)).toEqual({
      status: 201,
      order: earlier.order,
    });
  });

  it("answers a retry of a rejected placement with the same rejection", () => {
    const rejected = {
      ...earlier,
      rejectCode: "MARKET_CLOSED" as const,
      order: {
        ...earlier.order,
        status: OrderStatus.Rejected,
        rejectReason: "AAPL is not trading now",
      },
    };
    const answer = repeatedPlacement(rejected, request);
    expect(answer.status).toBe(422);
    expect("error" in answer && answer.error).toMatchObject({
      code: "MARKET_CLOSED",
      message: "AAPL is not trading now",
      recorded: true,
    });
  });

  it("refuses a different request under the same clientOrderId with 409", () => {
    const answer = repeatedPlacement(earlier, { ...request, qty: 6 });
    expect(answer.status).toBe(409);
    expect("error" in answer && answer.error).toMatchObject({
      code: "CLIENT_ORDER_ID_REUSED",
      field: "clientOrderId",
      message: `clientOrderId "c-1" already names order ${earlier.order.id}, placed with a different request`,
    });
  });

  it("compares with the order's own numbers when no request was kept", () => {
    const legacy = { ...earlier, clientRequest: null };
    expect(repeatedPlacement(legacy, request).status).toBe(201);
    expect(
      repeatedPlacement(legacy, { ...request, limitPrice: 99 }).status,
    ).toBe(409);
  });
});
