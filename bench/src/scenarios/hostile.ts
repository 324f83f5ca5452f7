import type { Socket } from "node:net";
import WebSocket from "ws";
import { sleep } from "../harness/clock";
import { SUBSCRIBE_TYPE, symbolOf } from "../harness/quote-shape";
import { Rig, type SocketPlan } from "../harness/rig";
import type { Quantiles } from "../harness/stats";

export interface HostileOptions {
  /** The well-behaved sockets, which read everything. */
  readonly readers: SocketPlan;
  readonly deliveriesPerSecond: number;
  readonly attackers: number;
  /** Re-subscribes per second per attacker (the socket allows 50). */
  readonly subscribesPerSecond: number;
  /** Symbols of the attackers' topic: each re-subscribe is answered with a snapshot of them all. */
  readonly snapshotSymbols: number;
  readonly baselineMs: number;
  readonly attackMs: number;
  /** How often the server's memory is sampled. */
  readonly sampleMs: number;
}

export interface MemorySample {
  /** Milliseconds since the phase began. */
  readonly atMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Output the server holds for its sockets (buffers and queues). */
  readonly queuedBytes: number;
  readonly sockets: number;
}

export interface HostilePhase {
  readonly phase: "baseline" | "attack";
  readonly readersDeliveredPerSecond: number;
  readonly readersLatencyMs: Quantiles;
  readonly samples: readonly MemorySample[];
  /** How many times the server dropped an attacker (it reconnects each time). */
  readonly attackerDrops: number;
}

export interface HostileResult {
  readonly phases: readonly HostilePhase[];
  /** RSS after the attack, once the attackers are gone, after full GCs. */
  readonly afterRssBytes: number;
  readonly beforeRssBytes: number;
}

/**
 * The attack of issue 12 against the real app with its default limits: anonymous sockets that
 * never read, re-subscribe to a many-symbol quotes topic in a loop (each answered with a full
 * snapshot) and send pongs unasked, reconnecting whenever the server drops them; meanwhile the
 * readers' latency is measured as in the fan-out scenario. First a phase without attackers, then
 * one with them, in the same run on the same server, so the two compare directly.
 */
export async function runHostile(
  options: HostileOptions,
  log: (line: string) => void,
): Promise<HostileResult> {
  const rig = await Rig.start("tradewire");
  try {
    await rig.connect(options.readers);
    const perUpdate =
      (options.readers.sockets * options.readers.topicsPerSocket) /
      options.readers.topicCount;
    await rig.server.request({
      cmd: "publish",
      updatesPerSecond: options.deliveriesPerSecond / perUpdate,
      topics: options.readers.topicCount,
    });
    await sleep(1000);
    const before = await rig.server.request({ cmd: "sample", gc: true });
    const phases: HostilePhase[] = [];
    phases.push(await measurePhase(rig, "baseline", options, null));
    log("  hostile: baseline done");
    const attack = new Attack(rig.url, options);
    phases.push(await measurePhase(rig, "attack", options, attack));
    attack.stop();
    log(`  hostile: attack done (attackers dropped ${attack.drops} times)`);
    await rig.server.request({ cmd: "stop-publish" });
    await sleep(2000);
    const after = await rig.server.request({ cmd: "sample", gc: true });
    return {
      phases,
      beforeRssBytes: before.rssBytes,
      afterRssBytes: after.rssBytes,
    };
  } finally {
    await rig.stop();
  }
}

async function measurePhase(
  rig: Rig,
  phase: HostilePhase["phase"],
  options: HostileOptions,
  attack: Attack | null,
): Promise<HostilePhase> {
  const durationMs =
    phase === "baseline" ? options.baselineMs : options.attackMs;
  const started = Date.now();
  await rig.load.request({ cmd: "window-start" });
  const samples: MemorySample[] = [];
  while (Date.now() - started < durationMs) {
    await sleep(
      Math.min(options.sampleMs, durationMs - (Date.now() - started)),
    );
    const s = await rig.server.request({ cmd: "sample" });
    samples.push({
      atMs: Date.now() - started,
      rssBytes: s.rssBytes,
      heapUsedBytes: s.heapUsedBytes,
      queuedBytes: s.queuedBytes,
      sockets: s.sockets,
    });
  }
  const status = await rig.load.request({ cmd: "window-end" });
  const window = status.window;
  if (!window) throw new Error("the load generator returned no window");
  return {
    phase,
    readersDeliveredPerSecond: window.received / (window.durationMs / 1000),
    readersLatencyMs: window.latencyMs,
    samples,
    attackerDrops: attack?.drops ?? 0,
  };
}

/** The attackers, in the orchestrator's process (on the load generator's core). */
class Attack {
  drops = 0;
  private stopped = false;
  private readonly sockets = new Set<WebSocket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly frame: (id: number) => string;

  constructor(
    private readonly url: string,
    private readonly options: HostileOptions,
  ) {
    const symbols = Array.from({ length: options.snapshotSymbols }, (_, i) =>
      symbolOf(i),
    );
    this.frame = (id) =>
      JSON.stringify({ type: SUBSCRIBE_TYPE, id, payload: { symbols } });
    for (let i = 0; i < options.attackers; i++) this.connect();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of this.sockets) socket.terminate();
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url);
    this.sockets.add(socket);
    let timer: NodeJS.Timeout | null = null;
    socket.on("error", () => undefined);
    socket.once("open", () => {
      // Read nothing, ever: the kernel buffers fill, then the server's.
      (socket as unknown as { _socket: Socket })._socket.pause();
      let id = 0;
      timer = setInterval(() => {
        if (socket.readyState !== WebSocket.OPEN) return;
        socket.send(this.frame(++id));
        if (id % 9 === 0) socket.pong(Buffer.from("still here"));
      }, 1000 / this.options.subscribesPerSecond);
      this.timers.add(timer);
    });
    socket.once("close", () => {
      this.sockets.delete(socket);
      if (timer) {
        clearInterval(timer);
        this.timers.delete(timer);
      }
      if (this.stopped) return;
      this.drops += 1;
      setTimeout(() => this.connect(), 100);
    });
  }
}
