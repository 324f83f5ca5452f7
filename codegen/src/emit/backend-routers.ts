import type { ProtocolModel } from "../channel-model";
import { literal } from "./header";

/** One concrete WsRouter subclass per channel, and the typed registry of all of them. */
export function emitBackendRouters(model: ProtocolModel): string {
  const { channels } = model;
  const modelImports = [
    ...new Set(channels.flatMap((c) => [c.requestSchema, c.dataSchema])),
  ].sort();
  const classes = channels.map(
    (
      c,
    ) => `const validate${c.name}Request = requestValidator<${c.requestSchema}>(${literal(c.requestSchema)});
const serialize${c.name}Update = updateSerializer<${c.dataSchema}>(CHANNELS[${literal(c.route)}].types.update);

/** Route \`${c.route}\`: ${c.requestSchema} in, ${c.dataSchema} out. */
export class ${c.name}WsRouter extends WsRouter<${c.requestSchema}, ${c.dataSchema}> {
  static readonly channel = CHANNELS[${literal(c.route)}];

  constructor(service: WsRouteService<${c.requestSchema}, ${c.dataSchema}>, options?: WsRouterOptions) {
    super(${c.name}WsRouter.channel, service, validate${c.name}Request, serialize${c.name}Update, options);
  }
}`,
  );
  return `import { CHANNELS } from '@tradewire/client';
import type { ${modelImports.join(", ")} } from '@tradewire/client';
import {
  requestValidator,
  updateSerializer,
  WsRouter,
  type WsRouteService,
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
