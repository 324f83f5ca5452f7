import { join, relative } from "node:path";
import { format, resolveConfig } from "prettier";
import { bundleSpec, type JsonObject } from "./bundle";
import { readProtocolModel } from "./channel-model";
import { emitBackendRouters } from "./emit/backend-routers";
import { emitClientChannels } from "./emit/client-channels";
import { emitFrontendApiTypes, emitFrontendWsTypes } from "./emit/frontend";
import { generatedHeader } from "./emit/header";
import { emitModels } from "./emit/models";
import { emitRestRoutes, emitRestTypes, REST_SCHEMA_ID } from "./emit/rest";
import { schemaRegistry } from "./emit/schema-registry";
import { emitSpecDocuments } from "./emit/spec-documents";
import { checkStrictSchemas } from "./strict-schemas";
import { parseAsyncApi } from "./validate-asyncapi";
import { validateOpenApi } from "./validate-openapi";

export interface GenerateOptions {
  /** Repository root: specs are read from `<root>/specs`, outputs are named relative to it. */
  root: string;
  /** Where prettier looks for its configuration; defaults to `root`. */
  prettierRoot?: string;
}

/** Output path (relative to the root) → file content. */
export type GeneratedFiles = Map<string, string>;

export const WS_SCHEMA_ID = "tradewire-ws";

export const OUTPUTS = {
  models: "clients/src/generated/models.ts",
  channels: "clients/src/generated/channels.ts",
  wsSchemas: "clients/src/generated/ws-schemas.ts",
  restTypes: "clients/src/generated/rest-types.ts",
  restSchemas: "clients/src/generated/rest-schemas.ts",
  routers: "backend/src/generated/ws-routers.ts",
  restRoutes: "backend/src/generated/rest-routes.ts",
  specDocuments: "backend/src/generated/spec-documents.ts",
  frontendWsTypes: "frontend/src/clients/ws-types-generated/index.ts",
  frontendApiTypes: "frontend/src/clients/api-types-generated/index.ts",
} as const;

/** Parse, validate and generate everything; pure with respect to the file system except reads. */
export async function generate(
  options: GenerateOptions,
): Promise<GeneratedFiles> {
  const asyncapiFile = join(options.root, "specs/asyncapi.yaml");
  const openapiFile = join(options.root, "specs/openapi.yaml");
  const rel = (f: string): string => relative(options.root, f);

  const [document, asyncapi, openapi] = await Promise.all([
    parseAsyncApi(asyncapiFile),
    Promise.resolve().then(() => bundleSpec(asyncapiFile)),
    Promise.resolve().then(() => bundleSpec(openapiFile)),
  ]);
  await validateOpenApi(openapiFile, openapi);
  checkStrictSchemas(rel(openapiFile), openapi);
  checkStrictSchemas(rel(asyncapiFile), asyncapi);

  const protocol = readProtocolModel(rel(asyncapiFile), asyncapi);
  const wsSchemas = (asyncapi.components as JsonObject).schemas as JsonObject;
  const restSchemas = (openapi.components as JsonObject).schemas as JsonObject;
  const models = await emitModels(rel(asyncapiFile), document, wsSchemas);
  const modelNames = [
    ...models.matchAll(/^export (?:interface|type) (\w+)/gm),
  ].map((m) => m[1] as string);

  const fromAsync = [rel(asyncapiFile)];
  const fromOpen = [rel(openapiFile)];
  const raw: [string, string[], string][] = [
    [OUTPUTS.models, fromAsync, models],
    [OUTPUTS.channels, fromAsync, emitClientChannels(protocol)],
    [
      OUTPUTS.wsSchemas,
      fromAsync,
      registryModule("WS_SCHEMAS", schemaRegistry(WS_SCHEMA_ID, wsSchemas)),
    ],
    [OUTPUTS.restTypes, fromOpen, await emitRestTypes(openapi)],
    [
      OUTPUTS.restSchemas,
      fromOpen,
      registryModule(
        "REST_SCHEMAS",
        schemaRegistry(REST_SCHEMA_ID, restSchemas),
      ),
    ],
    [OUTPUTS.routers, fromAsync, emitBackendRouters(protocol)],
    [OUTPUTS.restRoutes, fromOpen, emitRestRoutes(openapi)],
    [
      OUTPUTS.specDocuments,
      [...fromAsync, ...fromOpen],
      emitSpecDocuments(asyncapi, openapi),
    ],
    [OUTPUTS.frontendWsTypes, fromAsync, emitFrontendWsTypes(modelNames)],
    [OUTPUTS.frontendApiTypes, fromOpen, emitFrontendApiTypes(openapi)],
  ];
  const prettierRoot = options.prettierRoot ?? options.root;
  const files: GeneratedFiles = new Map();
  for (const [path, sources, body] of raw) {
    const filepath = join(prettierRoot, path);
    const config = (await resolveConfig(filepath)) ?? {};
    files.set(
      path,
      await format(generatedHeader(sources) + body, { ...config, filepath }),
    );
  }
  return files;
}

function registryModule(name: string, registry: JsonObject): string {
  return `/** Every schema of the spec under \`$defs\`, one document for Ajv. */
export const ${name}: { readonly $id: string; readonly $defs: Readonly<Record<string, object>> } = ${JSON.stringify(registry)};
`;
}
