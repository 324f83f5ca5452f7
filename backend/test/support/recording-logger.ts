import type { FastifyBaseLogger } from "fastify";

export interface LogRecord {
  level: "fatal" | "error" | "warn" | "info" | "debug" | "trace";
  /** The merged bindings and object of the call. */
  fields: Record<string, unknown>;
  message: string | undefined;
}

/** A logger for `createApp({logger})` that keeps every call, at every level, for a test to read. */
export function recordingLogger(
  records: LogRecord[],
  bindings: Record<string, unknown> = {},
): FastifyBaseLogger {
  const at =
    (level: LogRecord["level"]) =>
    (first?: unknown, second?: unknown): void => {
      const fields =
        typeof first === "object" && first !== null
          ? { ...bindings, ...(first as Record<string, unknown>) }
          : { ...bindings };
      const message =
        typeof first === "string"
          ? first
          : typeof second === "string"
            ? second
            : undefined;
      records.push({ level, fields, message });
    };
  return {
    level: "trace",
    fatal: at("fatal"),
    error: at("error"),
    warn: at("warn"),
    info: at("info"),
    debug: at("debug"),
    trace: at("trace"),
    silent: () => undefined,
    child: (more: Record<string, unknown>) =>
      recordingLogger(records, { ...bindings, ...more }),
  };
}
