import type { ProtocolModel } from "../channel-model";
import { literal } from "./header";

/** One concrete WsRouter subclass per channel, and the typed registry of all of them. */
export function emitBackendRouters(model: ProtocolModel): string {
  const { channels } = model;
  const modelImports = [
    ...new Set(
      channels.flatMap((c) => [
        c.requestSchema,
        c.dataSchema,
        ...c.actions.map((a) => a.requestSchema),
      ]),
    ),
  ].sort();
  const classes = channels.map((c) => {
    const actions = c.actions.length > 0;
    const validators = c.actions
      .map(
        (a) =>
          `const validate${c.name}${a.pascal} = requestValidator<${a.requestSchema}>(${literal(a.requestSchema)});`,
      )
      .join("\n");
    const actionsInterface = actions
      ? `
/** What the \`${c.route}\` channel's actions do; the router validates each request first. */
export interface ${c.name}Actions {
${c.actions.map((a) => `  /** \`${a.request.type}\`, answered by \`${a.response.type}\`. */\n  ${a.name}(caller: ActionCaller, request: ${a.requestSchema}): ActionOutcome | Promise<ActionOutcome>;`).join("\n")}
}
`
      : "";
    const bindings = c.actions
      .map(
        (a) =>
          `${a.name}: bindAction(validate${c.name}${a.pascal}, (caller, request) => actions.${a.name}(caller, request))`,
      )
      .join(", ");
    return `const validate${c.name}Request = requestValidator<${c.requestSchema}>(${literal(c.requestSchema)});
const serialize${c.name}Update = updateSerializer<${c.dataSchema}>(CHANNELS[${literal(c.route)}].types.update);
${validators}${actionsInterface}
/** Route \`${c.route}\`: ${c.requestSchema} in, ${c.dataSchema} out${actions ? `; actions ${c.actions.map((a) => a.name).join(", ")}` : ""}. */
export class ${c.name}WsRouter extends WsRouter<${c.requestSchema}, ${c.dataSchema}> {
  static readonly channel = CHANNELS[${literal(c.route)}];

  constructor(service: WsRouteService<${c.requestSchema}, ${c.dataSchema}>, ${actions ? `actions: ${c.name}Actions, ` : ""}options?: WsRouterOptions) {
    super(${c.name}WsRouter.channel, service, validate${c.name}Request, serialize${c.name}Update, options${actions ? `, { ${bindings} }` : ""});
  }
}`;
  });
  const anyActions = channels.some((c) => c.actions.length > 0);
  return `import { CHANNELS } from '@tradewire/client';
import type { ${modelImports.join(", ")} } from '@tradewire/client';
import {
${anyActions ? "  bindAction,\n" : ""}  requestValidator,
  updateSerializer,
  WsRouter,
${anyActions ? "  type ActionCaller,\n  type ActionOutcome,\n" : ""}  type WsRouteService,
  type WsRouterOptions,
} from '../ws';

${classes.join("\n\n")}

/** The service each route needs. */
export interface WsServices {
${channels.map((c) => `  ${literal(c.route)}: WsRouteService<${c.requestSchema}, ${c.dataSchema}>;`).join("\n")}
}

/** The router class of each route. */
export const WS_ROUTERS = {
${channels.map((c) => `  ${literal(c.route)}: ${c.name}WsRouter,`).join("\n")}
} as const;

export type WsRouterRegistry = { [R in keyof typeof WS_ROUTERS]: InstanceType<(typeof WS_ROUTERS)[R]> };
`;
}
