/** The parts of a Fastify validation error this reads (Ajv's first error and the request part). */
export interface ValidationFailure {
  readonly validation?: readonly {
    readonly instancePath?: string;
    readonly keyword?: string;
    readonly message?: string;
    readonly params?: unknown;
    /** Set by Ajv when a property name, not a value, failed (`propertyNames`). */
    readonly propertyName?: string;
  }[];
  readonly validationContext?: string;
  readonly message: string;
}

/**
 * What a client needs to fix a refused request: the field (`qty`, `duration.type`, `stoploss`)
 * and a sentence that starts with it, for a form to show beside that field.
 */
export function describeValidation(error: ValidationFailure): {
  field?: string;
  message: string;
} {
  const first = error.validation?.[0];
  if (!first) return { message: error.message };
  const at = (first.instancePath ?? "")
    .replace(/^\//, "")
    .split("/")
    .filter((s) => s !== "")
    .map(unescapePointer);
  const params = (first.params ?? {}) as {
    additionalProperty?: string;
    missingProperty?: string;
  };
  const noun = error.validationContext === "body" ? "field" : "parameter";
  if (first.keyword === "additionalProperties" && params.additionalProperty) {
    const field = [...at, params.additionalProperty].join(".");
    return { field, message: `${field} is not a known ${noun}` };
  }
  if (first.keyword === "required" && params.missingProperty) {
    const field = [...at, params.missingProperty].join(".");
    return { field, message: `${field} is required` };
  }
  if (
    at.length === 0 &&
    error.validationContext === "body" &&
    first.keyword === "type" &&
    (first.params as { type?: string } | undefined)?.type === "null"
  )
    return { message: "this request takes no body" };
  if (at.length === 0)
    return {
      message: `${error.validationContext ?? "request"} ${first.message ?? "is not valid"}`,
    };
  const field = at.join(".");
  if (first.propertyName !== undefined)
    return {
      field,
      message: `${field} has a key ${JSON.stringify(first.propertyName)} that ${first.message ?? "is not valid"}`,
    };
  return { field, message: `${field} ${first.message ?? "is not valid"}` };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
