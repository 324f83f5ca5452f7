import { isObject, type Json, type JsonObject } from "./bundle";
import { SpecError, type SpecProblem } from "./spec-error";

export type MessageRole =
  | "subscribe"
  | "subscribeResponse"
  | "unsubscribe"
  | "unsubscribeResponse"
  | "update";
export const MESSAGE_ROLES: readonly MessageRole[] = [
  "subscribe",
  "subscribeResponse",
  "unsubscribe",
  "unsubscribeResponse",
  "update",
];
const ROLE_SUFFIX: Record<MessageRole, string> = {
  subscribe: "subscribe",
  subscribeResponse: "subscribe.response",
  unsubscribe: "unsubscribe",
  unsubscribeResponse: "unsubscribe.response",
  update: "update",
};

export interface MessageModel {
  /** The frame's `type`, e.g. `bars.subscribe`. */
  type: string;
  /** The envelope schema's name, e.g. `BarsSubscribeMessage`. */
  schema: string;
}

/**
 * A request a channel takes besides subscribe and unsubscribe (`x-tradewire.actions`): the frame
 * `<route>.<name>` with the request schema's payload, answered by `<route>.<name>.response`
 * carrying an `ActionResponse`. Its messages are the channel's `<name>` and `<name>Response`.
 */
export interface ActionModel {
  name: string;
  /** PascalCase of the name, for generated identifiers. */
  pascal: string;
  requestSchema: string;
  request: MessageModel;
  response: MessageModel;
}

/** Everything codegen needs to know about one routed channel, read from the spec. */
export interface ChannelModel {
  id: string;
  route: string;
  /** PascalCase of the channel id: the prefix of every generated name. */
  name: string;
  module: string;
  conflate: { key: string | null } | null;
  snapshot: boolean;
  accountScoped: boolean;
  cursor: { param: string; field: string } | null;
  requestSchema: string;
  dataSchema: string;
  updateSchema: string;
  messages: Record<MessageRole, MessageModel>;
  actions: ActionModel[];
  defaults: JsonObject;
}

export interface SystemModel {
  messages: MessageModel[];
}

export interface ProtocolModel {
  channels: ChannelModel[];
  system: SystemModel;
}

const EXTENSION = "x-tradewire";
const ROUTE_PATTERN = /^[a-z][a-z0-9-]*$/;
const ACTION_PATTERN = /^[a-z][a-zA-Z0-9]*$/;
const RESERVED_ACTIONS = new Set(["subscribe", "unsubscribe", "update"]);

/** Read routed channels (those with an `x-tradewire` extension) from a bundled AsyncAPI document. */
export function readProtocolModel(
  file: string,
  doc: JsonObject,
): ProtocolModel {
  const problems: SpecProblem[] = [];
  const fail = (path: string, reason: string): never => {
    problems.push({ file, path, reason });
    throw new SpecError(problems);
  };
  const components = asObject(doc.components);
  const messages = asObject(components?.messages);
  const schemas = asObject(components?.schemas) ?? {};

  const refName = (
    ref: Json | undefined,
    prefix: string,
    path: string,
  ): string => {
    if (typeof ref !== "string" || !ref.startsWith(prefix))
      fail(path, `expected a $ref to ${prefix}<Name>`);
    return (ref as string).slice(prefix.length);
  };
  const schemaAt = (name: string, path: string): JsonObject =>
    asObject(schemas[name]) ??
    fail(path, `schema ${name} is not defined in components.schemas`);

  const readMessage = (
    ref: Json | undefined,
    path: string,
  ): { type: string; schema: string; payload: Json } => {
    const messageName = refName(
      asObject(ref)?.$ref,
      "#/components/messages/",
      `${path}.$ref`,
    );
    const message =
      asObject(messages?.[messageName]) ??
      fail(path, `message ${messageName} is not defined`);
    const schemaName = refName(
      asObject(message.payload)?.$ref,
      "#/components/schemas/",
      `components.messages.${messageName}.payload`,
    );
    const envelope = schemaAt(
      schemaName,
      `components.messages.${messageName}.payload`,
    );
    const props =
      asObject(envelope.properties) ??
      fail(`components.schemas.${schemaName}`, "an envelope needs properties");
    const type = asObject(props.type)?.const;
    if (typeof type !== "string")
      fail(
        `components.schemas.${schemaName}.properties.type`,
        "needs a string const",
      );
    return {
      type: type as string,
      schema: schemaName,
      payload: asObject(props.payload)?.$ref ?? null,
    };
  };

  const channels: ChannelModel[] = [];
  let system: SystemModel | null = null;
  for (const [id, raw] of Object.entries(asObject(doc.channels) ?? {})) {
    const channel =
      asObject(raw) ?? fail(`channels.${id}`, "must be a mapping");
    const path = `channels.${id}`;
    const ext = asObject(channel[EXTENSION]);
    const channelMessages =
      asObject(channel.messages) ?? fail(`${path}.messages`, "missing");
    if (!ext) {
      system = {
        messages: Object.entries(channelMessages).map(([key, ref]) => {
          const m = readMessage(ref, `${path}.messages.${key}`);
          return { type: m.type, schema: m.schema };
        }),
      };
      continue;
    }
    const extPath = `${path}.${EXTENSION}`;
    const route = ext.route;
    if (typeof route !== "string" || !ROUTE_PATTERN.test(route))
      fail(`${extPath}.route`, `must match ${ROUTE_PATTERN}`);
    const module =
      typeof ext.module === "string"
        ? ext.module
        : fail(`${extPath}.module`, "must be a string");
    const flag = (key: string): boolean =>
      typeof ext[key] === "boolean"
        ? ext[key]
        : fail(`${extPath}.${key}`, "must be true or false");
    const known = new Set([
      "route",
      "module",
      "conflate",
      "snapshot",
      "accountScoped",
      "cursor",
      "actions",
    ]);
    for (const key of Object.keys(ext))
      if (!known.has(key)) fail(`${extPath}.${key}`, "unknown key");

    const read = Object.fromEntries(
      MESSAGE_ROLES.map((role) => {
        const m = readMessage(
          channelMessages[role],
          `${path}.messages.${role}`,
        );
        const expected = `${route as string}.${ROLE_SUFFIX[role]}`;
        if (m.type !== expected)
          fail(
            `components.schemas.${m.schema}.properties.type`,
            `const must be "${expected}"`,
          );
        return [role, m];
      }),
    ) as Record<MessageRole, { type: string; schema: string; payload: Json }>;

    const requestSchema = refName(
      read.subscribe.payload,
      "#/components/schemas/",
      `components.schemas.${read.subscribe.schema}.properties.payload`,
    );
    const updateSchema = refName(
      read.update.payload,
      "#/components/schemas/",
      `components.schemas.${read.update.schema}.properties.payload`,
    );
    const update = schemaAt(updateSchema, `components.schemas.${updateSchema}`);
    const dataSchema = refName(
      asObject(asObject(update.properties)?.payload)?.$ref,
      "#/components/schemas/",
      `components.schemas.${updateSchema}.properties.payload`,
    );
    const request = schemaAt(
      requestSchema,
      `components.schemas.${requestSchema}`,
    );
    const requestProps = asObject(request.properties) ?? {};
    const dataProps = sharedProperties(
      schemaAt(dataSchema, `components.schemas.${dataSchema}`),
      (name) => schemaAt(name, `components.schemas.${name}`),
    );

    let conflate: ChannelModel["conflate"] = null;
    if (ext.conflate !== false) {
      const c =
        asObject(ext.conflate) ??
        fail(`${extPath}.conflate`, "must be false or a mapping {key?}");
      const key = c.key ?? null;
      if (key !== null && (typeof key !== "string" || !(key in dataProps))) {
        fail(
          `${extPath}.conflate.key`,
          `must name a property of ${dataSchema}`,
        );
      }
      conflate = { key: key as string | null };
    }
    let cursor: ChannelModel["cursor"] = null;
    if (ext.cursor !== undefined) {
      const c =
        asObject(ext.cursor) ??
        fail(`${extPath}.cursor`, "must be a mapping {param, field}");
      if (typeof c.param !== "string" || !(c.param in requestProps)) {
        fail(
          `${extPath}.cursor.param`,
          `must name a property of ${requestSchema}`,
        );
      }
      if (typeof c.field !== "string" || !(c.field in dataProps)) {
        fail(
          `${extPath}.cursor.field`,
          `must name a property of ${dataSchema}`,
        );
      }
      cursor = { param: c.param as string, field: c.field as string };
    }
    const actions: ActionModel[] = [];
    if (ext.actions !== undefined) {
      const declared =
        asObject(ext.actions) ??
        fail(`${extPath}.actions`, "must be a mapping name -> {request}");
      for (const [name, rawAction] of Object.entries(declared)) {
        const actionPath = `${extPath}.actions.${name}`;
        if (!ACTION_PATTERN.test(name) || RESERVED_ACTIONS.has(name))
          fail(
            actionPath,
            `an action name matches ${ACTION_PATTERN} and is not subscribe, unsubscribe or update`,
          );
        const action =
          asObject(rawAction) ??
          fail(actionPath, "must be a mapping {request}");
        const requestName = action.request;
        if (typeof requestName !== "string")
          fail(`${actionPath}.request`, "must name a schema");
        schemaAt(requestName as string, `${actionPath}.request`);
        const request = readMessage(
          channelMessages[name],
          `${path}.messages.${name}`,
        );
        const response = readMessage(
          channelMessages[`${name}Response`],
          `${path}.messages.${name}Response`,
        );
        for (const [m, expected] of [
          [request, `${route as string}.${name}`],
          [response, `${route as string}.${name}.response`],
        ] as const)
          if (m.type !== expected)
            fail(
              `components.schemas.${m.schema}.properties.type`,
              `const must be "${expected}"`,
            );
        if (request.payload !== `#/components/schemas/${requestName as string}`)
          fail(
            `components.schemas.${request.schema}.properties.payload`,
            `must be a $ref to ${requestName as string}`,
          );
        if (response.payload !== "#/components/schemas/ActionResponse")
          fail(
            `components.schemas.${response.schema}.properties.payload`,
            "must be a $ref to ActionResponse",
          );
        actions.push({
          name,
          pascal: name.charAt(0).toUpperCase() + name.slice(1),
          requestSchema: requestName as string,
          request: { type: request.type, schema: request.schema },
          response: { type: response.type, schema: response.schema },
        });
      }
    }
    const defaults: JsonObject = {};
    for (const [key, prop] of Object.entries(requestProps)) {
      const d = asObject(prop)?.default;
      if (d !== undefined) defaults[key] = d;
    }
    channels.push({
      id,
      route: route as string,
      name: id.charAt(0).toUpperCase() + id.slice(1),
      module,
      conflate,
      snapshot: flag("snapshot"),
      accountScoped: flag("accountScoped"),
      cursor,
      requestSchema,
      dataSchema,
      updateSchema,
      messages: Object.fromEntries(
        MESSAGE_ROLES.map((r) => [
          r,
          { type: read[r].type, schema: read[r].schema },
        ]),
      ) as Record<MessageRole, MessageModel>,
      actions,
      defaults,
    });
  }
  if (channels.length === 0)
    fail("channels", `no channel carries an ${EXTENSION} extension`);
  const routes = new Set<string>();
  for (const c of channels) {
    if (routes.has(c.route))
      fail(
        `channels.${c.id}.${EXTENSION}.route`,
        `route ${c.route} is used twice`,
      );
    routes.add(c.route);
  }
  return { channels, system: system ?? { messages: [] } };
}

function asObject(v: Json | undefined): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

/**
 * The properties a payload always has: its own, or for a `oneOf` of schemas (quotes: whole or
 * delta) those every branch declares, so a conflation key or cursor field is in every form.
 */
function sharedProperties(
  schema: JsonObject,
  resolve: (name: string) => JsonObject,
): JsonObject {
  if (!Array.isArray(schema.oneOf)) return asObject(schema.properties) ?? {};
  const branches = schema.oneOf.map((branch) => {
    const ref = asObject(branch)?.$ref;
    const own =
      typeof ref === "string"
        ? resolve(ref.replace("#/components/schemas/", ""))
        : (asObject(branch) ?? {});
    return asObject(own.properties) ?? {};
  });
  const [first = {}, ...rest] = branches;
  return Object.fromEntries(
    Object.entries(first).filter(([key]) => rest.every((b) => key in b)),
  );
}
