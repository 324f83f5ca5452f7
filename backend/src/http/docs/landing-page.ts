import { codeBlock, docsPage, escapeHtml } from "./html";
import { record, text, type Schema } from "./schema-example";

const BASE = "http://localhost:8000";

/** Copyable calls against a `make dev` server, in the order a new integrator makes them. */
export const CURL_EXAMPLES: readonly { label: string; code: string }[] = [
  {
    label: "Log in (a demo user) and keep the token",
    code: `BASE=${BASE}
TOKEN=$(curl -s -X POST $BASE/api/v1/auth/login \\
  -H 'content-type: application/json' \\
  -d '{"username":"alice","password":"demo1234"}' | jq -r .token)`,
  },
  {
    label: "Place a market order (placeOrder): buy 0.01 BTCUSD",
    code: `curl -s -X POST $BASE/api/v1/broker/orders \\
  -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
  -d '{"symbol":"BTCUSD","type":2,"side":1,"qty":0.01}'`,
  },
  {
    label: "Hourly bars of the last day (getHistory, UDF)",
    code: `curl -s "$BASE/api/v1/datafeed/history?symbol=BTCUSD&resolution=60&from=$(( $(date +%s) - 86400 ))&to=$(date +%s)"`,
  },
  {
    label: "The account's orders (listOrders)",
    code: `curl -s $BASE/api/v1/broker/orders -H "authorization: Bearer $TOKEN"`,
  },
];

/** `/docs`: what the API is, where each reference lives, and the first calls to make. */
export function renderLandingPage(openapi: Schema, asyncapi: Schema): string {
  const rest = record(openapi.info);
  const ws = record(asyncapi.info);
  const body = `<h1>Tradewire API reference</h1>
<p>Every instance serves its own reference, built from the specs it was generated from.</p>
<ul class="cards">
<li><a href="/docs/rest"><strong>REST API</strong></a>: ${escapeHtml(text(rest.title, ""))} ${escapeHtml(text(rest.version, ""))}, interactive (Swagger UI). Raw document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</li>
<li><a href="/docs/ws"><strong>WebSocket API</strong></a>: ${escapeHtml(text(ws.title, ""))} ${escapeHtml(text(ws.version, ""))}: channels, frames, topics, close and error codes. Raw document: <a href="/api/v1/asyncapi.json">/api/v1/asyncapi.json</a>.</li>
</ul>
<h2>First calls</h2>
<p>Against a local server (<code>make dev</code>); set <code>BASE</code> to this server's address otherwise. <code>jq</code> extracts the token.</p>
${CURL_EXAMPLES.map((e) => codeBlock(e.code, e.label)).join("\n")}
<h2>From TypeScript</h2>
<p><code>@tradewire/client</code> wraps both: a typed REST client generated from the OpenAPI document and a socket client that resubscribes after reconnects. <code>clients/examples/quickstart.ts</code> logs in, streams quotes, orders and fills, places an order and waits for its fill:</p>
${codeBlock("make dev\nnpx tsx clients/examples/quickstart.ts")}`;
  return docsPage({ title: "Tradewire API reference", body });
}
