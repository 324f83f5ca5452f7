import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { spawnPinned, stopChild } from "../harness/child";
import { SERVER_CORE } from "../harness/rig";
import type { AlertsRequest, AlertsRun } from "../servers/alerts-main";

const ENTRY = fileURLToPath(
  new URL("../servers/alerts-main.ts", import.meta.url),
);

export interface AlertsOptions {
  readonly rules: number;
  /** Simulated seconds of market per CPU run, ticked back to back. */
  readonly seconds: number;
  /** Simulated seconds of the latency run, one tick every `paceMs` of wall time. */
  readonly pacedSeconds: number;
  readonly paceMs: number;
}

export interface AlertsResult {
  readonly rules: number;
  readonly armed: number;
  readonly trades: number;
  readonly fired: number;
  /** Server CPU per trade without rules (the market, its bars, the stream). */
  readonly baselineUsPerTrade: number;
  /** With rules that never fire: the evaluation alone. */
  readonly quietUsPerTrade: number;
  readonly evaluationUsPerTrade: number;
  /** The same with the rules armed, firings stored and sent included. */
  readonly loadedUsPerTrade: number;
  /** What the rules add per trade. */
  readonly alertsUsPerTrade: number;
  /** Firings of the paced run, whose evaluation-to-delivery quantiles these are. */
  readonly pacedFired: number;
  readonly deliveryP50Ms: number;
  readonly deliveryP99Ms: number;
  /** The same in the back-to-back run: firings queue behind trades of the compressed market. */
  readonly backToBackP99Ms: number;
}

/**
 * Alert evaluation cost: the real app on core 0 runs a stretch of simulated market for one
 * symbol, first without rules, then with `rules` armed on that symbol (every rule type), and
 * reports the server CPU each trade costs and what the rules add; the evaluation-to-delivery
 * quantiles come from the app's own histogram. Accounts' alert-events sockets stay subscribed
 * on the load core, so each firing goes out to a socket.
 */
export async function runAlerts(
  options: AlertsOptions,
  log: (line: string) => void,
): Promise<AlertsResult> {
  const server = spawnPinned<AlertsRequest, AlertsRun | null>(ENTRY, [], {
    core: SERVER_CORE,
  });
  const sockets: WebSocket[] = [];
  try {
    await server.ready;
    const baseline = await request(server, {
      cmd: "baseline",
      seconds: options.seconds,
      paceMs: 0,
    });
    log(`  alerts: baseline ${baseline.trades} trades`);
    const arm = (quiet: boolean) =>
      request(server, {
        cmd: "arm",
        rules: options.rules,
        accounts: ["acc-alice-main", "acc-bob-main"],
        quiet,
      });
    const backToBack = () =>
      request(server, { cmd: "loaded", seconds: options.seconds, paceMs: 0 });
    await arm(true);
    const quiet = await backToBack();
    log(`  alerts: ${quiet.armed} quiet rules, ${quiet.fired} fired`);
    const armed = await arm(false);
    for (const user of ["alice", "bob"])
      sockets.push(await subscribedSocket(armed.port, user));
    const loaded = await backToBack();
    const paced = await request(server, {
      cmd: "loaded",
      seconds: options.pacedSeconds,
      paceMs: options.paceMs,
    });
    log(
      `  alerts: ${loaded.armed} rules, ${loaded.trades} trades, ${loaded.fired} fired`,
    );
    const perTrade = (r: AlertsRun) => (r.cpuMs * 1000) / Math.max(r.trades, 1);
    return {
      rules: options.rules,
      armed: armed.armed,
      trades: loaded.trades,
      fired: loaded.fired,
      baselineUsPerTrade: perTrade(baseline),
      quietUsPerTrade: perTrade(quiet),
      evaluationUsPerTrade: perTrade(quiet) - perTrade(baseline),
      loadedUsPerTrade: perTrade(loaded),
      alertsUsPerTrade: perTrade(loaded) - perTrade(baseline),
      pacedFired: paced.fired,
      deliveryP50Ms: paced.p50Ms,
      deliveryP99Ms: paced.p99Ms,
      backToBackP99Ms: loaded.p99Ms,
    };
  } finally {
    for (const s of sockets) s.close();
    await server.request({ cmd: "close" }).catch(() => undefined);
    await stopChild(server.child, 10_000);
  }
}

async function request(
  server: ReturnType<typeof spawnPinned<AlertsRequest, AlertsRun | null>>,
  req: AlertsRequest,
): Promise<AlertsRun> {
  const answer = await server.request(req);
  if (!answer) throw new Error(`${req.cmd} answered nothing`);
  return answer;
}

/** A logged-in socket subscribed to its account's alert-events. */
async function subscribedSocket(
  port: number,
  user: string,
): Promise<WebSocket> {
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: user, password: "demo1234" }),
  });
  const { token } = (await login.json()) as { token: string };
  const socket = new WebSocket(
    `ws://127.0.0.1:${port}/api/v1/ws?token=${token}`,
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const answered = new Promise<void>((resolve) => {
    socket.on("message", (data: Buffer) => {
      if (data.toString("utf8").includes("alert-events.subscribe.response"))
        resolve();
    });
  });
  socket.send(
    JSON.stringify({ type: "alert-events.subscribe", id: 1, payload: {} }),
  );
  await answered;
  return socket;
}
