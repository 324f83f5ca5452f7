import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/rest-types.js";
import { resolveToken, type TokenSource } from "../ws/options.js";

export interface RestClientOptions {
  /** Origin of the API, e.g. `https://host`; the generated paths already start with `/api/v1`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer`; a function is asked on every request. */
  readonly token?: TokenSource;
  /** Defaults to `globalThis.fetch`. */
  readonly fetch?: (request: Request) => Promise<Response>;
}

export type RestClient = Client<paths>;

/** An openapi-fetch client typed by the OpenAPI spec: paths, params, bodies and responses. */
export function createRestClient(options: RestClientOptions): RestClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { token } = options;
  if (token !== undefined) client.use(bearer(token));
  return client;
}

function bearer(source: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const token = await resolveToken(source);
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
}
