import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { OPENAPI_DOCUMENT } from "../../src/generated/spec-documents";

/** One response as the client saw it. */
export interface LiveResponse {
  method: string;
  /** The path as requested, query string included. */
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

interface Operation {
  operationId: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, unknown>;
  /** JSON pointer of the operation in the document. */
  pointer: string;
}

const DOC_ID = "tradewire-openapi";
const METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * Holds live REST responses to the OpenAPI document the server was generated from
 * (`specs/openapi.yaml`, bundled; `codegen --check` proves the bundle current): the operation must
 * exist, the status must be declared for it, the content type must be one it declares and the
 * body must validate against that schema (Ajv, JSON Schema 2020-12, strict mode off), and headers
 * the response declares required must be there.
 */
export class OpenApiConformance {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false });
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();
  /** operationId -> statuses seen. */
  readonly seen = new Map<string, Set<string>>();
  readonly violations: string[] = [];
  checked = 0;

  constructor() {
    this.ajv.addSchema(structuredClone(OPENAPI_DOCUMENT), DOC_ID);
    const paths = OPENAPI_DOCUMENT.paths as Record<
      string,
      Record<string, unknown>
    >;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const op = item[method] as
          | { operationId: string; responses: Record<string, unknown> }
          | undefined;
        if (!op) continue;
        this.operations.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          pattern: new RegExp(
            `^${path.replace(/\{\w+\}/g, "[^/]+").replace(/\./g, "\\.")}$`,
          ),
          responses: op.responses,
          pointer: `#/paths/${escape(path)}/${method}`,
        });
      }
    }
  }

  get operationIds(): string[] {
    return this.operations.map((o) => o.operationId);
  }

  /** Declared statuses of an operation. */
  declared(operationId: string): string[] {
    const op = this.operations.find((o) => o.operationId === operationId);
    return op ? Object.keys(op.responses) : [];
  }

  /** Check one response; returns its operationId, records any violation. */
  check(res: LiveResponse): string | null {
    this.checked += 1;
    const path = res.url.split("?")[0] ?? "";
    // Fastify answers HEAD for every GET route: the GET's status and headers, without the body.
    const head = res.method === "HEAD";
    const method = head ? "GET" : res.method;
    const op = this.operations.find(
      (o) => o.method === method && o.pattern.test(path),
    );
    const where = `${res.method} ${res.url.slice(0, 120)} -> ${res.status}`;
    if (!op) {
      // Outside the API the server serves the built terminal, which the spec does not describe.
      const specPath = this.operations.some((o) => o.pattern.test(path));
      if (!specPath && !path.startsWith("/api/")) return null;
      // A route the spec does not list answers 404 NOT_FOUND in ErrorBody, as its preamble says.
      if (res.status === 404 && this.isErrorBody(res.text)) return null;
      this.violations.push(`${where}: no such operation in the spec`);
      return null;
    }
    const statuses = this.seen.get(op.operationId) ?? new Set<string>();
    statuses.add(String(res.status));
    this.seen.set(op.operationId, statuses);
    const declared = this.resolve(
      op.responses[String(res.status)],
      `${op.pointer}/responses/${res.status}`,
    );
    if (!declared) {
      this.violations.push(
        `${where}: status not declared for ${op.operationId}`,
      );
      return op.operationId;
    }
    for (const [name, header] of Object.entries(
      (declared.value.headers ?? {}) as Record<string, { required?: boolean }>,
    )) {
      if (header.required && !res.headers.has(name))
        this.violations.push(`${where}: required header ${name} missing`);
    }
    const content = declared.value.content as
      Record<string, unknown> | undefined;
    if (!content) {
      if (res.text !== "")
        this.violations.push(`${where}: a body where none is declared`);
      return op.operationId;
    }
    const type = (res.headers.get("content-type") ?? "").split(";")[0] ?? "";
    if (!(type in content)) {
      this.violations.push(
        `${where}: content type ${type} is not one of ${Object.keys(content).join(", ")}`,
      );
      return op.operationId;
    }
    if (head) {
      if (res.text !== "") this.violations.push(`${where}: a body on HEAD`);
      return op.operationId;
    }
    let body: unknown = res.text;
    if (type === "application/json") {
      try {
        body = JSON.parse(res.text);
      } catch {
        this.violations.push(`${where}: not JSON`);
        return op.operationId;
      }
    }
    const validate = this.validator(
      `${declared.pointer}/content/${escape(type)}/schema`,
    );
    if (!validate(body))
      this.violations.push(
        `${where}: ${this.ajv.errorsText(validate.errors)} in ${res.text.slice(0, 200)}`,
      );
    return op.operationId;
  }

  private isErrorBody(text: string): boolean {
    try {
      return this.validator("#/components/schemas/ErrorBody")(JSON.parse(text));
    } catch {
      return false;
    }
  }

  /** A response object (at `pointer`), following a `$ref` into components. */
  private resolve(
    node: unknown,
    pointer: string,
  ): { value: Record<string, unknown>; pointer: string } | null {
    if (!node || typeof node !== "object") return null;
    const ref = (node as { $ref?: string }).$ref;
    if (!ref) return { value: node as Record<string, unknown>, pointer };
    let target: unknown = OPENAPI_DOCUMENT;
    for (const seg of ref.slice(2).split("/"))
      target = (target as Record<string, unknown>)[unescape(seg)];
    return target
      ? { value: target as Record<string, unknown>, pointer: ref }
      : null;
  }

  private validator(pointer: string): ValidateFunction {
    let fn = this.validators.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${DOC_ID}${pointer}` });
      this.validators.set(pointer, fn);
    }
    return fn;
  }
}

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

const shared = new OpenApiConformance();

/**
 * Hold one live response to the spec and throw, naming each way it is off, when it is not in it:
 * every HTTP helper in test/support runs every response through this, so a REST response outside
 * `specs/openapi.yaml` fails the test that provoked it, as an off-spec WebSocket frame does.
 */
export function assertInSpec(res: LiveResponse): void {
  const before = shared.violations.length;
  shared.check(res);
  const found = shared.violations.splice(before);
  if (found.length > 0)
    throw new Error(
      `REST response outside specs/openapi.yaml:\n  ${found.join("\n  ")}`,
    );
}

/** `fetch` for tests: the same answer, held to the spec first (the body is read once, here). */
export async function specFetch(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  const target = new URL(url);
  assertInSpec({
    method: init.method ?? "GET",
    url: `${target.pathname}${target.search}`,
    status: res.status,
    headers: res.headers,
    text,
  });
  return { status: res.status, headers: res.headers, text };
}

/** A `fetch` for the REST client (openapi-fetch): every answer it gets is held to the spec. */
export async function specRequestFetch(request: Request): Promise<Response> {
  const res = await fetch(request);
  const target = new URL(request.url);
  assertInSpec({
    method: request.method,
    url: `${target.pathname}${target.search}`,
    status: res.status,
    headers: res.headers,
    text: await res.clone().text(),
  });
  return res;
}
