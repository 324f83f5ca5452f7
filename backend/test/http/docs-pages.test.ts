import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type TradewireApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { ASYNCAPI_DOCUMENT } from "../../src/generated/spec-documents";
import { channelReferences } from "../../src/http/docs/asyncapi-channels";
import {
  exampleExchange,
  renderAsyncApiPage,
} from "../../src/http/docs/asyncapi-page";
import { CONTENT_SECURITY_POLICY } from "../../src/http/security-headers";

/*
 * The docs pages are HTML for people, not operations of the API, so openapi.yaml does not declare
 * them and this file fetches them with plain `fetch` rather than the spec-checking `specFetch`.
 */
describe("the reference pages /docs, /docs/rest and /docs/ws", () => {
  let app: TradewireApp;
  let base: string;
  beforeAll(async () => {
    app = await createApp({
      config: loadConfig({
        LOG_LEVEL: "silent",
        JWT_SECRET: "docs-pages-test-secret-0123456789abcdef",
      }),
    });
    base = await app.listen(0, "127.0.0.1");
  });
  afterAll(() => app.close());

  async function page(path: string) {
    const res = await fetch(`${base}${path}`);
    return { res, body: await res.text() };
  }

  /** Every URL the page names with a scheme: none may point at another host. */
  function foreignUrls(body: string): string[] {
    return [...body.matchAll(/\b(?:https?|wss?):\/\/([^/"'\s<>&]+)/g)]
      .filter(
        ([, host]) => !/^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host ?? ""),
      )
      .map(([url]) => url);
  }

  it.each([
    ["/docs", "Tradewire API reference"],
    ["/docs/rest", "Tradewire REST API"],
    ["/docs/ws", "Tradewire WebSocket API"],
  ])(
    "%s answers 200 HTML with the security headers and links nothing off this server",
    async (path, title) => {
      const { res, body } = await page(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(body).toContain(`<title>${title}</title>`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(foreignUrls(body)).toEqual([]);
      expect(body).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=/i);
    },
  );

  it("keeps the site's Content-Security-Policy on every docs page, unrelaxed", async () => {
    const site = Object.entries(CONTENT_SECURITY_POLICY)
      .map(([directive, values]) => `${directive} ${values.join(" ")}`)
      .join(";");
    for (const path of ["/docs", "/docs/rest", "/docs/ws"]) {
      const csp = (await page(path)).res.headers.get("content-security-policy");
      expect(csp, path).toBe(site);
      expect(csp, path).not.toContain("unsafe");
    }
  });

  it("serves Swagger UI and the pages' own files from this server, and 404s any other name", async () => {
    const rest = (await page("/docs/rest")).body;
    const assets = [
      ...rest.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g),
    ].map(([, path]) => path ?? "");
    expect(assets.sort()).toEqual([
      "/docs/assets/docs.css",
      "/docs/assets/favicon.png",
      "/docs/assets/rest-init.js",
      "/docs/assets/swagger-ui-bundle.js",
      "/docs/assets/swagger-ui.css",
    ]);
    for (const path of assets) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect((await res.arrayBuffer()).byteLength, path).toBeGreaterThan(100);
    }
    const bundle = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.headers.get("content-type")).toMatch(/^text\/javascript/);
    const init = await (await fetch(`${base}/docs/assets/rest-init.js`)).text();
    expect(init).toContain('url: root.getAttribute("data-spec-url")');
    expect(rest).toContain('data-spec-url="/api/v1/openapi.json"');
    expect((await fetch(`${base}/docs/assets/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/docs/assets/..%2Fpackage.json`)).status).toBe(
      404,
    );
  });

  it("/docs gives copyable curl calls for login, placeOrder and history", async () => {
    const { body } = await page("/docs");
    expect(body).toContain("/api/v1/auth/login");
    expect(body).toContain("placeOrder");
    expect(body).toContain(
      "-d &#39;{&quot;symbol&quot;:&quot;BTCUSD&quot;,&quot;type&quot;:2,&quot;side&quot;:1,&quot;qty&quot;:0.01}&#39;",
    );
    expect(body).toContain("/api/v1/datafeed/history?symbol=BTCUSD");
    expect(body).toContain('href="/docs/rest"');
    expect(body).toContain('href="/docs/ws"');
  });

  it("/docs/ws renders every channel of the AsyncAPI document with its route, flags and frames", async () => {
    const { body } = await page("/docs/ws");
    for (const key of Object.keys(ASYNCAPI_DOCUMENT.channels as object))
      expect(body).toContain(`data-channel="${key}"`);
    expect(body).toContain("quotes.subscribe");
    expect(body).toContain(
      "<code>accountScoped</code></td><td><code>true</code>",
    );
    // The topic rule applied: canonical JSON of the params, the account added on account channels.
    expect(body).toContain(
      "<code>quotes:{&quot;symbols&quot;:[&quot;AAPL&quot;]}</code>",
    );
    expect(body).toContain(
      "<code>orders:{&quot;accountId&quot;:&quot;&lt;accountId&gt;&quot;}</code>",
    );
    expect(body).toContain(
      "&gt; {&quot;type&quot;:&quot;quotes.subscribe&quot;,&quot;id&quot;:1,&quot;payload&quot;:{&quot;symbols&quot;:[&quot;BTCUSD&quot;]}}",
    );
    expect(body).toContain("clients/examples/quickstart.ts");
  });

  it("/docs/ws lists the close codes and error codes of the spec with their meanings", async () => {
    const { body } = await page("/docs/ws");
    expect(body).toMatch(
      /<td><code>4000<\/code><\/td><td>SlowConsumer<\/td><td>slow consumer: more than/,
    );
    expect(body).toContain("<td><code>4001</code></td><td>TokenInvalid</td>");
    expect(body).toContain("<td><code>INSUFFICIENT_BUYING_POWER</code></td>");
  });
});

describe("rendering /docs/ws from the AsyncAPI document", () => {
  it("each validates against its message's schema in the AsyncAPI document", () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(structuredClone(ASYNCAPI_DOCUMENT), "asyncapi");
    const schemas = Object.keys(
      (ASYNCAPI_DOCUMENT.components as { schemas: object }).schemas,
    );
    let checked = 0;
    for (const channel of channelReferences(ASYNCAPI_DOCUMENT))
      for (const message of channel.messages) {
        const title = String(message.payload.title);
        expect(schemas).toContain(title);
        const validate = ajv.getSchema(`asyncapi#/components/schemas/${title}`);
        expect(
          validate?.(message.example),
          `${message.name}: ${JSON.stringify(validate?.errors)}`,
        ).toBe(true);
        checked++;
      }
    expect(checked).toBe(60);
  });

  it("the exchanges shown per channel (ids and topic filled in) validate too, frame by frame", () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(structuredClone(ASYNCAPI_DOCUMENT), "asyncapi");
    let checked = 0;
    for (const channel of channelReferences(ASYNCAPI_DOCUMENT)) {
      if (!channel.params) continue;
      const frames = exampleExchange(channel);
      expect(frames.map((f) => f.type)).toEqual(
        channel.messages.map((m) => m.name),
      );
      channel.messages.forEach((message, i) => {
        const validate = ajv.getSchema(
          `asyncapi#/components/schemas/${String(message.payload.title)}`,
        );
        expect(
          validate?.(frames[i]),
          `${message.name}: ${JSON.stringify(validate?.errors)}`,
        ).toBe(true);
        checked++;
      });
    }
    expect(checked).toBe(57);
  });

  it("escapes text from the spec rather than passing it through as markup", () => {
    const hostile = structuredClone(ASYNCAPI_DOCUMENT) as {
      info: { title: string };
      channels: Record<string, { description: string }>;
    };
    hostile.info.title = "<script>alert(1)</script>";
    hostile.channels.quotes!.description =
      'Quotes <img src=x onerror="alert(2)">';
    const html = renderAsyncApiPage(hostile);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(
      "Quotes &lt;img src=x onerror=&quot;alert(2)&quot;&gt;",
    );
  });
});
