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
    const op = this.operations.find(
      (o) => o.method === res.method && o.pattern.test(path),
    );
    const where = `${res.method} ${res.url.slice(0, 120)} -> ${res.status}`;
    if (!op) {
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
