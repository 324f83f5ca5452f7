import {
  detectResources,
  envDetector,
  resourceFromAttributes,
} from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether the standard variables ask for traces: `OTEL_TRACES_EXPORTER` (`otlp` or `console`;
 * `none` turns them off), or else an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`). `OTEL_SDK_DISABLED=true` wins over both.
 */
export function tracingRequested(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== "none";
  return Boolean(
    env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  );
}

export interface Tracing {
  /** Export what is still buffered, then stop. */
  shutdown(): Promise<void>;
}

/**
 * Register a tracer provider when the `OTEL_*` variables ask for one, else do nothing (and the
 * spans stay no-ops). The OTLP exporter reads its own variables (endpoint, headers, timeout);
 * the service is `OTEL_SERVICE_NAME`, else `tradewire`, plus `OTEL_RESOURCE_ATTRIBUTES`.
 */
export function startTracing(env: Env = process.env): Tracing | null {
  if (!tracingRequested(env)) return null;
  const kind = env.OTEL_TRACES_EXPORTER?.trim() || "otlp";
  const exporters = kind.split(",").map((k) => exporterNamed(k.trim()));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": "tradewire" }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: exporters.map((e) => new BatchSpanProcessor(e)),
  });
  provider.register();
  return provider;
}

function exporterNamed(kind: string): SpanExporter {
  if (kind === "otlp") return new OTLPTraceExporter();
  if (kind === "console") return new ConsoleSpanExporter();
  throw new Error(
    `OTEL_TRACES_EXPORTER=${kind} is not supported here: use otlp, console or none`,
  );
}
