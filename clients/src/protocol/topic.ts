import type { ChannelDescriptor } from "./channel-descriptor.js";

/**
 * How a topic is written, shared by backend, frontend and client: `<route>:` + canonical JSON of
 * the params with defaults applied. Pinned by specs/test-vectors/topics.json. What goes into it
 * for a subscription is `channelTopic`'s rule.
 */
export function buildTopic(
  route: string,
  params: object,
  defaults: Readonly<Record<string, unknown>> = {},
): string {
  return `${route}:${canonicalJson({ ...defaults, ...definedEntries(params) })}`;
}

/**
 * The topic a subscription belongs to, on every side (server, client, simulation): the channel's
 * route and its params with its defaults applied, except that
 * - the cursor param (`since`) is left out: it selects what to replay, not what to stream, so a
 *   replaying subscriber shares the live topic;
 * - on account-scoped channels the connection's account is put in, so two accounts never share
 *   a topic. A side that does not know the account (the client keying its own subscriptions,
 *   all of one account) passes none, and the property is left out.
 */
export function channelTopic(
  channel: Pick<
    ChannelDescriptor,
    "route" | "defaults" | "accountScoped" | "cursor"
  >,
  params: object,
  accountId?: string | null,
): string {
  const keyed: Record<string, unknown> = withoutCursor(channel, params);
  if (channel.accountScoped) keyed.accountId = accountId;
  return buildTopic(
    channel.route,
    keyed,
    withoutCursor(channel, channel.defaults),
  );
}

/** A subscription's params without its cursor: what names the stream. */
export function withoutCursor(
  channel: Pick<ChannelDescriptor, "cursor">,
  params: object,
): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...params };
  if (channel.cursor) delete rest[channel.cursor.param];
  return rest;
}

/**
 * JSON with object keys sorted recursively (by UTF-16 code units, as Array.prototype.sort does),
 * arrays in order, no whitespace, and strings and numbers written exactly as JSON.stringify writes
 * them. Properties whose value is `undefined` are left out. Non-finite numbers and values JSON
 * cannot hold are rejected rather than silently turned into `null`.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value))
        throw new TypeError(`cannot put ${value} in a topic`);
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(",")}]`;
      const entries = Object.entries(definedEntries(value)).sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      );
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`cannot put a ${typeof value} in a topic`);
  }
}

function definedEntries(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out;
}
