import { CHANNELS, channelTopic } from "@tradewire/client";
import {
  channelReferences,
  codeTable,
  type ChannelReference,
} from "./asyncapi-channels";
import {
  codeBlock,
  docsPage,
  escapeHtml,
  inlineMarkdown,
  paragraphs,
} from "./html";
import { record, text, type Schema } from "./schema-example";
import { schemaTable } from "./schema-table";

/** The channel the copyable session uses: public, so it needs no login. */
const SESSION_CHANNEL = "quotes";
const SESSION_PARAMS = { symbols: ["BTCUSD"] };

/** The topic rule applied to a channel's example params (`<accountId>` where the server adds it). */
function exampleTopic(channel: ChannelReference, params: object): string {
  const descriptor = Object.values(CHANNELS).find(
    (c) => c.route === channel.flags.route,
  );
  if (!descriptor) return "";
  return channelTopic(
    descriptor,
    params,
    descriptor.accountScoped ? "<accountId>" : undefined,
  );
}

/** A channel's example frames with the request ids and topic filled in as a real exchange has them. */
export function exampleExchange(
  channel: ChannelReference,
  params?: object,
): Record<string, unknown>[] {
  const subscribe = channel.messages.find((m) => m.name.endsWith(".subscribe"));
  const chosen = params ?? record(subscribe?.example.payload);
  const topic = exampleTopic(channel, chosen);
  let id = 0;
  // Keys in the order the protocol writes them: type, id, payload.
  return channel.messages.map((m) => {
    const type = m.example.type;
    if (m.name.endsWith("subscribe")) {
      id += 1;
      return { type, id, payload: chosen };
    }
    // A channel action (`jobs.cancel`) and its answer carry their own payloads, no topic.
    if (!/\.(update|subscribe\.response|unsubscribe\.response)$/.test(m.name)) {
      if (!m.name.endsWith(".response")) id += 1;
      return { type, id, payload: m.example.payload };
    }
    const payload = { ...record(m.example.payload), topic };
    return m.name.endsWith(".update")
      ? { type, payload }
      : { type, id, payload };
  });
}

function flagsTable(flags: Readonly<Record<string, unknown>>): string {
  const rows = Object.entries(flags).map(
    ([k, v]) =>
      `<tr><td><code>${escapeHtml(k)}</code></td><td><code>${escapeHtml(JSON.stringify(v))}</code></td></tr>`,
  );
  return `<table class="flags"><tbody>${rows.join("")}</tbody></table>`;
}

function channelSection(document: Schema, channel: ChannelReference): string {
  const frames = channel.params ? exampleExchange(channel) : [];
  const messages = channel.messages
    .map(
      (m, i) =>
        `<li><code>${escapeHtml(m.name)}</code> ${inlineMarkdown(m.summary || m.title)}${m.description ? ` ${inlineMarkdown(m.description)}` : ""}${codeBlock(JSON.stringify(frames[i] ?? m.example))}</li>`,
    )
    .join("\n");
  const topic = frames[0]
    ? `<p>Topic of the example: <code>${escapeHtml(exampleTopic(channel, record(frames[0].payload)))}</code></p>`
    : "";
  return `<section class="channel" id="channel-${escapeHtml(channel.key)}" data-channel="${escapeHtml(channel.key)}">
<h3>${escapeHtml(channel.title)} <code>${escapeHtml(text(channel.flags.route, channel.key))}</code></h3>
${paragraphs(channel.description)}
${Object.keys(channel.flags).length > 0 ? flagsTable(channel.flags) : ""}
${channel.params ? `<h4>Subscribe params</h4>${schemaTable(document, channel.params)}` : ""}
${topic}
${channel.data ? `<h4>Update data</h4>${schemaTable(document, channel.data)}` : ""}
<h4>Messages</h4>
<ul class="messages">${messages}</ul>
</section>`;
}

function codesSection(document: Schema, name: string, heading: string): string {
  const table = codeTable(document, name);
  const rows = table.rows
    .map(
      (r) =>
        `<tr><td><code>${escapeHtml(r.code)}</code></td><td>${escapeHtml(r.name)}</td><td>${inlineMarkdown(r.meaning)}</td></tr>`,
    )
    .join("\n");
  return `<section id="${escapeHtml(name)}"><h2>${escapeHtml(heading)}</h2>
${paragraphs(table.description)}
<table><thead><tr><th>Code</th><th>Name</th><th>Meaning</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function wsUrl(document: Schema): string {
  const server = record(Object.values(record(document.servers))[0]);
  return `${text(server.protocol, "ws")}://${text(server.host, "localhost:8000")}${text(server.pathname, "/api/v1/ws")}`;
}

function sessionSection(
  document: Schema,
  channels: ChannelReference[],
): string {
  const channel = channels.find((c) => c.key === SESSION_CHANNEL);
  if (!channel) return "";
  const [sub, subAnswer, unsub, unsubAnswer, update] = exampleExchange(
    channel,
    SESSION_PARAMS,
  );
  const line = (dir: string, frame: unknown) =>
    `${dir} ${JSON.stringify(frame)}`;
  const transcript = [
    `npx wscat -c ${wsUrl(document)}`,
    line(">", sub),
    line("<", subAnswer),
    line("<", update),
    line(">", unsub),
    line("<", unsubAnswer),
  ].join("\n");
  const authenticated = `TOKEN=$(curl -s -X POST http://localhost:8000/api/v1/auth/login \\
  -H 'content-type: application/json' \\
  -d '{"username":"alice","password":"demo1234"}' | jq -r .token)
npx wscat -c "${wsUrl(document)}?token=$TOKEN"
> {"type":"orders.subscribe","id":1,"payload":{}}`;
  const typescript = `import WebSocket from "ws";
import { TradewireClient, createRestClient } from "@tradewire/client";

const rest = createRestClient({ baseUrl: "http://localhost:8000" });
const login = await rest.POST("/api/v1/auth/login", {
  body: { username: "alice", password: "demo1234" },
});
const client = new TradewireClient({
  url: "${wsUrl(document)}",
  WebSocket, // Node 20 has no global WebSocket; browsers pass none
  token: login.data?.token,
});
client.connect();
client.subscribe("quotes", { symbols: ["BTCUSD"] }, (quote) => console.log(quote.n, quote.v.lp));`;
  return `<section id="session"><h2>Try it</h2>
<p>A raw session on a public channel (no login): lines starting <code>&gt;</code> are typed, <code>&lt;</code> are received. The server also sends <code>ping</code> frames: answer each with a <code>pong</code> carrying its payload, or keep reading.</p>
${codeBlock(transcript, "Raw WebSocket session (quotes)")}
${codeBlock(authenticated, "Account channels need the token from the login")}
${codeBlock(typescript, "The TypeScript client (clients/examples/quickstart.ts is a complete program: log in, stream, place an order, wait for its fill)")}
</section>`;
}

/**
 * The AsyncAPI document as one static page, rendered on the server from the bundled document:
 * connection and auth, the topic rule, every channel with its flags, params, data and example
 * frames, then the close and error codes. All text is escaped; the page runs no script.
 */
export function renderAsyncApiPage(document: Schema): string {
  const info = record(document.info);
  const server = record(Object.values(record(document.servers))[0]);
  const schemes = Object.entries(
    record(record(document.components).securitySchemes),
  )
    .map(
      ([name, s]) =>
        `<li><code>${escapeHtml(name)}</code>: ${inlineMarkdown(text(record(s).description, ""))}</li>`,
    )
    .join("\n");
  const channels = channelReferences(document);
  const toc = channels
    .map(
      (c) =>
        `<li><a href="#channel-${escapeHtml(c.key)}">${escapeHtml(c.title)}</a></li>`,
    )
    .join("");
  const body = `<h1>${escapeHtml(text(info.title, "WebSocket API"))} <small>${escapeHtml(text(info.version, ""))}</small></h1>
<p class="muted">Rendered from <a href="/api/v1/asyncapi.json">/api/v1/asyncapi.json</a>, the AsyncAPI ${escapeHtml(text(document.asyncapi, ""))} document this server was built from.</p>
<section id="protocol"><h2>Frames and topics</h2>${paragraphs(text(info.description, ""))}</section>
<section id="connect"><h2>Connecting</h2>
<p><code>${escapeHtml(wsUrl(document))}</code></p>
${paragraphs(text(server.description, ""))}
<ul>${schemes}</ul></section>
${sessionSection(document, channels)}
<section id="channels"><h2>Channels</h2><ul class="toc">${toc}</ul>
${channels.map((c) => channelSection(document, c)).join("\n")}
</section>
${codesSection(document, "CloseCode", "Close codes")}
${codesSection(document, "ErrorCode", "Error codes")}`;
  return docsPage({ title: "Tradewire WebSocket API", body });
}
