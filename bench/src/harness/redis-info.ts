import { connect } from "node:net";

/**
 * Just enough of the Redis protocol for the orchestrator to probe a server and read its CPU
 * (`INFO cpu`), without a client library: the benchmark's figures must not depend on the bus
 * under test to read Redis's own cost.
 */

const TIMEOUT_MS = 3000;

/** Send one inline command; resolves the reply's text (a status or a bulk string). */
export function redisCommand(url: string, command: string): Promise<string> {
  const { hostname, port, password } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port || 6379), hostname || "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const finish = (err: Error | null, text = ""): void => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(text);
    };
    socket.on("error", (err) => finish(err));
    socket.on("connect", () => {
      if (password) socket.write(`AUTH ${decodeURIComponent(password)}\r\n`);
      socket.write(`${command}\r\n`);
    });
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      let text = Buffer.concat(chunks).toString("utf8");
      // After AUTH, its "+OK" comes first.
      if (password && text.startsWith("+OK\r\n")) text = text.slice(5);
      if (text.startsWith("-")) finish(new Error(text.trim()));
      else if (text.startsWith("+") && text.includes("\r\n"))
        finish(null, text.slice(1, text.indexOf("\r\n")));
      else if (text.startsWith("$")) {
        const head = text.indexOf("\r\n");
        if (head < 0) return;
        const length = Number(text.slice(1, head));
        const body = Buffer.from(text.slice(head + 2), "utf8");
        if (body.length >= length)
          finish(null, body.subarray(0, length).toString("utf8"));
      }
    });
  });
}

/** Throws with the reason when Redis at `url` does not answer PING. */
export async function probeRedis(url: string): Promise<void> {
  const reply = await redisCommand(url, "PING");
  if (reply !== "PONG") throw new Error(`PING answered ${reply}`);
}

/** Redis's CPU time (user + system, every thread) since it started, microseconds. */
export async function redisCpuMicros(url: string): Promise<number> {
  const info = await redisCommand(url, "INFO cpu");
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:([0-9.]+)`, "m").exec(info);
    if (!match) throw new Error(`INFO cpu has no ${name}`);
    return Number(match[1]) * 1e6;
  };
  return field("used_cpu_user") + field("used_cpu_sys");
}
