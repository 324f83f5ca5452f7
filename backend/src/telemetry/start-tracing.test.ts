import { describe, expect, it } from "vitest";
import { tracingRequested } from "./start-tracing";

describe("tracingRequested", () => {
  it("stays off without OTEL_* variables, and with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true", () => {
    expect(tracingRequested({})).toBe(false);
    expect(
      tracingRequested({
        OTEL_TRACES_EXPORTER: "none",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
      }),
    ).toBe(false);
    expect(
      tracingRequested({
        OTEL_SDK_DISABLED: "true",
        OTEL_TRACES_EXPORTER: "otlp",
      }),
    ).toBe(false);
  });

  it("turns on for an exporter or an OTLP endpoint", () => {
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: "otlp" })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: "console" })).toBe(true);
    expect(
      tracingRequested({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
      }),
    ).toBe(true);
    expect(
      tracingRequested({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:4318/v1/traces",
      }),
    ).toBe(true);
  });
});
