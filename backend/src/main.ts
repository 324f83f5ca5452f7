import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tradewire: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApp({ config });
  const address = await app.listen();
  app.fastify.log.info({ address }, "tradewire listening");
  const stop = (signal: string): void => {
    app.fastify.log.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.fastify.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

void main();
