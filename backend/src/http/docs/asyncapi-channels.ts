import {
  exampleOf,
  record,
  resolveSchema,
  text,
  type Schema,
} from "./schema-example";

/** One message of a channel as the reference page shows it. */
export interface ChannelMessage {
  /** The frame's `type` (`quotes.subscribe`). */
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly payload: Schema;
  /** A whole frame built from the message's schema. */
  readonly example: Record<string, unknown>;
}

/** A channel of the AsyncAPI document, with what a reader needs to subscribe to it. */
export interface ChannelReference {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  /** The `x-tradewire` extension: route, module, conflate, snapshot, accountScoped, cursor. */
  readonly flags: Readonly<Record<string, unknown>>;
  readonly messages: readonly ChannelMessage[];
  /** The subscribe frame's `payload` schema; null for the connection-level channel. */
  readonly params: Schema | null;
  /** The `payload` schema of the update frames' `payload`: one item of the stream. */
  readonly data: Schema | null;
}

/** The schema of property `name` of an object schema, resolved; null when there is none. */
function property(
  document: Schema,
  schema: Schema,
  name: string,
): Schema | null {
  const found = record(resolveSchema(document, schema).properties)[name];
  return found ? resolveSchema(document, record(found)) : null;
}

/** Channels in the document's order, with messages resolved and an example frame for each. */
export function channelReferences(document: Schema): ChannelReference[] {
  return Object.entries(record(document.channels)).map(([key, raw]) => {
    const channel = record(raw);
    const messages = Object.entries(record(channel.messages)).map(([, ref]) => {
      const message = resolveSchema(document, record(ref));
      const payload = resolveSchema(document, record(message.payload));
      return {
        name: text(message.name),
        title: text(message.title),
        summary: text(message.summary),
        description: text(payload.description),
        payload,
        example: record(exampleOf(document, payload)),
      };
    });
    const subscribe = messages.find((m) => m.name.endsWith(".subscribe"));
    const update = messages.find((m) => m.name.endsWith(".update"));
    const updateBody = update && property(document, update.payload, "payload");
    return {
      key,
      title: text(channel.title) || key,
      description: text(channel.description),
      flags: record(channel["x-tradewire"]),
      messages,
      params: subscribe
        ? property(document, subscribe.payload, "payload")
        : null,
      data: updateBody ? property(document, updateBody, "payload") : null,
    };
  });
}

/** A named enum of the document's schemas with a meaning per member where the description gives one. */
export interface CodeTable {
  readonly description: string;
  readonly rows: readonly { code: string; name: string; meaning: string }[];
}

/**
 * The members of `components.schemas[name]`, named by `x-enum-varnames`. A description written as
 * `1009: a frame exceeded the size limit. 1012: ...` gives each member its sentence.
 */
export function codeTable(document: Schema, name: string): CodeTable {
  const schema = record(record(record(document.components).schemas)[name]);
  const members = (Array.isArray(schema.enum) ? schema.enum : []).map(String);
  const names = (
    Array.isArray(schema["x-enum-varnames"]) ? schema["x-enum-varnames"] : []
  ).map(String);
  const description = text(schema.description);
  const meanings = new Map<string, string>();
  const parts = description.split(/(?:^|\s)(\d{4}): /);
  for (let i = 1; i + 1 < parts.length; i += 2)
    meanings.set(parts[i] ?? "", (parts[i + 1] ?? "").trim());
  return {
    description: (parts[0] ?? "").trim(),
    rows: members.map((code, i) => ({
      code,
      name: names[i] ?? "",
      meaning: meanings.get(code) ?? "",
    })),
  };
}
