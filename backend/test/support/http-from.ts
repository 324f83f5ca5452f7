import { request } from "node:http";
import { assertInSpec } from "./openapi-conformance";

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/**
 * An HTTP request from a chosen loopback address (127.0.0.2, 127.0.0.3, …: all of 127/8 is local
 * on Linux), so one test can be several clients as the server sees them.
 */
export function httpFrom<T = unknown>(
  localAddress: string,
  url: string,
  options: {
    method?: string;
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpAnswer<T>> {
  const target = new URL(url);
  const payload =
    options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        localAddress,
        agent: false,
        headers: {
          ...(payload !== undefined
            ? { "content-type": "application/json" }
            : {}),
          ...(options.token
            ? { authorization: `Bearer ${options.token}` }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            for (const v of [value ?? []].flat()) headers.append(name, v);
          try {
            assertInSpec({
              method: options.method ?? "GET",
              url: `${target.pathname}${target.search}`,
              status: res.statusCode ?? 0,
              headers,
              text,
            });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: (text ? JSON.parse(text) : null) as T,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
