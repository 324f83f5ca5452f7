import {
  SchemaValidators,
  type Validation,
} from "@tradewire/client/validators";

const validators = new SchemaValidators();

/** Validates (and fills defaults into) a subscription request against its spec schema. */
export type RequestValidator<Req> = (value: unknown) => Validation<Req>;

/** Turns one update into the exact frame text every subscriber of the topic receives. */
export type UpdateSerializer<Data> = (
  topicJson: string,
  seq: number,
  data: Data,
) => string;

export function requestValidator<Req>(
  schemaName: string,
): RequestValidator<Req> {
  return validators.compile<Req>(schemaName);
}

/**
 * The update envelope is fixed by the spec, so it is assembled around the payload's JSON instead of
 * stringifying a wrapper object: one JSON.stringify of the data per update, whatever the fan-out.
 */
export function updateSerializer<Data>(type: string): UpdateSerializer<Data> {
  const head = `{"type":${JSON.stringify(type)},"payload":{"topic":`;
  return (topicJson, seq, data) =>
    `${head}${topicJson},"seq":${seq},"payload":${JSON.stringify(data)}}}`;
}

export { validators as schemaValidators };
