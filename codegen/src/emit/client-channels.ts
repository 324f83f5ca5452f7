import type { ChannelModel, ProtocolModel } from "../channel-model";
import { MESSAGE_ROLES } from "../channel-model";
import { literal } from "./header";

/** The typed channel map of the client package: route → request, data and message types. */
export function emitClientChannels(model: ProtocolModel): string {
  const { channels, system } = model;
  const mapEntries = channels.map(
    (c) => `  ${literal(c.route)}: {
    request: M.${c.requestSchema};
    data: M.${c.dataSchema};
    update: M.${c.updateSchema};
${MESSAGE_ROLES.map((r) => `    ${r}Message: M.${c.messages[r].schema};`).join("\n")}
    actions: {${c.actions.map((a) => ` ${a.name}: { request: M.${a.requestSchema}; message: M.${a.request.schema}; responseMessage: M.${a.response.schema} };`).join("")} };
  };`,
  );
  const descriptors = channels.map(
    (c) => `  ${literal(c.route)}: ${descriptor(c)},`,
  );
  const clientMessages = [
    ...channels.flatMap((c) => [
      c.messages.subscribe.schema,
      c.messages.unsubscribe.schema,
      ...c.actions.map((a) => a.request.schema),
    ]),
    ...system.messages.filter((m) => m.type === "ping").map((m) => m.schema),
  ];
  const serverMessages = [
    ...channels.flatMap((c) => [
      c.messages.subscribeResponse.schema,
      c.messages.unsubscribeResponse.schema,
      c.messages.update.schema,
      ...c.actions.map((a) => a.response.schema),
    ]),
    ...system.messages.filter((m) => m.type !== "ping").map((m) => m.schema),
  ];
  return `import type { ChannelDescriptor } from '../protocol/channel-descriptor.js';
import type * as M from './models.js';

/** Every routed channel: its subscription request, its update payload and its frames. */
export interface ChannelMap {
${mapEntries.join("\n")}
}

export type Route = keyof ChannelMap;

export const ROUTES = [${channels.map((c) => literal(c.route)).join(", ")}] as const satisfies readonly Route[];

/** Channel behaviour declared in the spec's \`x-tradewire\` extensions. */
export const CHANNELS = {
${descriptors.join("\n")}
} as const satisfies { readonly [R in Route]: ChannelDescriptor<R> };

/** Frames a client may send. */
export type ClientMessage =
${clientMessages.map((s) => `  | M.${s}`).join("\n")};

/** Frames the server sends. */
export type ServerMessage =
${serverMessages.map((s) => `  | M.${s}`).join("\n")};

export type MessageType = ClientMessage['type'] | ServerMessage['type'];

/** The envelope schema name of every frame type, for validation. */
export const MESSAGE_SCHEMAS = {
${[
  ...channels.flatMap((c) => [
    ...MESSAGE_ROLES.map((r) => c.messages[r]),
    ...c.actions.flatMap((a) => [a.request, a.response]),
  ]),
  ...system.messages,
]
  .map((m) => `  ${literal(m.type)}: ${literal(m.schema)},`)
  .join("\n")}
} as const satisfies Record<MessageType, string>;
`;
}

function descriptor(c: ChannelModel): string {
  const types = MESSAGE_ROLES.map(
    (r) => `${r}: ${literal(c.messages[r].type)}`,
  ).join(", ");
  return `{
    route: ${literal(c.route)},
    module: ${literal(c.module)},
    conflate: ${c.conflate ? `{ key: ${literal(c.conflate.key)} }` : "null"},
    snapshot: ${literal(c.snapshot)},
    accountScoped: ${literal(c.accountScoped)},
    cursor: ${c.cursor ? `{ param: ${literal(c.cursor.param)}, field: ${literal(c.cursor.field)} }` : "null"},
    defaults: ${literal(c.defaults)},
    actions: {${c.actions.map((a) => ` ${a.name}: { request: ${literal(a.request.type)}, response: ${literal(a.response.type)}, requestSchema: ${literal(a.requestSchema)} },`).join("")} },
    requestSchema: ${literal(c.requestSchema)},
    dataSchema: ${literal(c.dataSchema)},
    types: { ${types} },
  }`;
}
