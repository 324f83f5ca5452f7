import type { components } from "@tradewire/client";
import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  restRoute,
  type RestContext,
  type RestReply,
} from "../../src/http/rest-route";
import { strictValidatorCompiler } from "../../src/http/strict-validation";

// The assertions marked @ts-expect-error are checked by the type-checker (`make typecheck`, part
// of `make test`): each fails the build if the line below it ever compiles.

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2
    ? true
    : false;
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof;

type Order = components["schemas"]["Order"];
type Health = components["schemas"]["Health"];
const health: Health = { status: "ok", version: "1", uptimeSeconds: 0 };

// Request parts are typed from the operation.
same<RestContext<"getOrder">["params"], { orderId: string }>(true);
same<
  RestContext<"placeOrder">["body"],
  components["schemas"]["PlaceOrderRequest"]
>(true);
same<RestContext<"closePosition">["query"]["qty"], number | undefined>(true);
same<RestContext<"getOrder">["body"], unknown>(true);

/** Never called: the type-checker is the judge of what follows. */
export function replies(order: Order): unknown[] {
  // A declared status with its declared body compiles...
  const ok: RestReply<"getOrder"> = { status: 200, body: order };
  const gone: RestReply<"getHealth"> = { status: 503, body: health };
  const out: RestReply<"logout"> = { status: 204 };
  // ...anything else does not.
  // @ts-expect-error 201 is not a status getOrder declares
  const undeclared: RestReply<"getOrder"> = { status: 201, body: order };
  // @ts-expect-error a 200 of getOrder carries an Order, not a Health
  const wrongBody: RestReply<"getOrder"> = { status: 200, body: health };
  // @ts-expect-error a 200 of getOrder must carry its body
  const noBody: RestReply<"getOrder"> = { status: 200 };
  // @ts-expect-error logout's 204 declares no body
  const extraBody: RestReply<"logout"> = { status: 204, body: health };
  return [ok, gone, out, undeclared, wrongBody, noBody, extraBody];
}

/** Never called: handlers bound to an operation see its request parts and reply types. */
export function handlers(app: FastifyInstance, order: Order): void {
  restRoute(app, "getOrder", ({ params }) => ({
    status: 200,
    body: { ...order, id: params.orderId },
  }));
  // @ts-expect-error getHealth's body is a Health: "fine" is not one of its statuses
  restRoute(app, "getHealth", () => ({
    status: 200,
    body: { ...health, status: "fine" },
  }));
}

describe("restRoute", () => {
  const app = Fastify();
  beforeAll(async () => {
    app.addSchema(structuredClone(REST_SCHEMAS));
    app.setValidatorCompiler(strictValidatorCompiler([REST_SCHEMAS]));
    restRoute(app, "getServerTime", () => ({
      status: 200,
      body: "1700000000",
    }));
    restRoute(app, "getHealth", () => ({
      status: 503,
      body: { ...health, status: "stopping" },
    }));
    restRoute(app, "logout", () => ({
      status: 204,
      headers: { "set-cookie": "tw_token=; Max-Age=0" },
    }));
    await app.ready();
  });
  afterAll(() => app.close());

  it("sends the declared media type, status, body and headers", async () => {
    const time = await app.inject({ url: "/api/v1/datafeed/time" });
    expect([time.statusCode, time.headers["content-type"], time.body]).toEqual([
      200,
      "text/plain",
      "1700000000",
    ]);
    const down = await app.inject({ url: "/health" });
    expect([down.statusCode, down.json()]).toEqual([
      503,
      { status: "stopping", version: "1", uptimeSeconds: 0 },
    ]);
    const out = await app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
    });
    expect([out.statusCode, out.headers["set-cookie"], out.body]).toEqual([
      204,
      "tw_token=; Max-Age=0",
      "",
    ]);
  });

  it("refuses a request off the operation's schema before the handler runs", async () => {
    const res = await app.inject({ url: "/health?verbose=1" });
    expect(res.statusCode).toBe(400);
  });
});
