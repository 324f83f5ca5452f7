import { isObject, type JsonObject } from "../bundle";

/**
 * The frontend names wire types `<Type>_Ws_Backend` and `<Type>_Api_Backend` (the naming rule for
 * mappers); these files give the client package's generated types those names. The types
 * themselves exist once, in the client package.
 */
export function emitFrontendWsTypes(modelNames: readonly string[]): string {
  return `export type {
${modelNames.map((n) => `  ${n} as ${n}_Ws_Backend,`).join("\n")}
} from '@tradewire/client';
`;
}

export function emitFrontendApiTypes(openapi: JsonObject): string {
  const schemas =
    isObject(openapi.components) && isObject(openapi.components.schemas)
      ? Object.keys(openapi.components.schemas)
      : [];
  return `import type { components } from '@tradewire/client';

export type { paths as ApiPaths_Backend, operations as ApiOperations_Backend } from '@tradewire/client';

${schemas.map((n) => `export type ${n}_Api_Backend = components['schemas'][${JSON.stringify(n)}];`).join("\n")}
`;
}
