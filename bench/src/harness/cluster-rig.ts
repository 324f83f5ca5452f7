import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { LoadRequest, LoadStatus } from "../load/load-protocol";
import type { ServerRequest, ServerSample } from "../servers/bench-server";
import { wsPathOf } from "../servers/server-kind";
import { spawnPinned, stopChild } from "./child";
import type { IpcPeer } from "./ipc";
import type { MeasuredRig } from "./point";
import { redisCpuMicros } from "./redis-info";
import { LOAD_CORE, SERVER_CORE, type SocketPlan } from "./rig";

const CLUSTER_ENTRY = fileURLToPath(
  new URL("../servers/cluster-main.ts", import.meta.url),
);
const LOAD_ENTRY = fileURLToPath(
  new URL("../load/client-worker.ts", import.meta.url),
);

type ServerPeer = IpcPeer<ServerRequest, ServerSample>;

/**
 * Several Tradewire instances behind a Redis bus, seen by a measurement as one server: the
 * schedule runs in instance 0 only, and a sample is the sum over the instances (CPU, waits,
 * memory, sockets) with Redis's own CPU from `INFO cpu` beside it, not in it.
 */
class ClusterServers {
  constructor(
    private readonly peers: readonly ServerPeer[],
    private readonly redisUrl: string,
  ) {}

  async request(req: ServerRequest): Promise<ServerSample> {
    switch (req.cmd) {
      case "publish":
      case "stop-publish":
        await (this.peers[0] as ServerPeer).request(req);
        return this.sample();
      case "sample":
        return this.sample(req.gc);
      case "close": {
        const closed = await Promise.all(this.peers.map((p) => p.request(req)));
        return sum(closed);
      }
      case "heap-snapshot":
        return (this.peers[0] as ServerPeer).request(req);
    }
  }

  private async sample(gc?: boolean): Promise<ServerSample> {
    const [busCpuMicros, ...samples] = await Promise.all([
      redisCpuMicros(this.redisUrl),
      ...this.peers.map((p) =>
        p.request(gc ? { cmd: "sample", gc } : { cmd: "sample" }),
      ),
    ]);
    // The instances share one core by design, so each waits for the others: the disturbance
    // check reads their mean wait, comparable with one process's, not the sum.
    const total = sum(samples);
    return {
      ...total,
      waitMicros: total.waitMicros / Math.max(1, samples.length),
      busCpuMicros,
    };
  }
}

function sum(samples: readonly ServerSample[]): ServerSample {
  const total = (pick: (s: ServerSample) => number): number =>
    samples.reduce((acc, s) => acc + pick(s), 0);
  return {
    port: samples[0]?.port ?? 0,
    cpuMicros: total((s) => s.cpuMicros),
    waitMicros: total((s) => s.waitMicros),
    rssBytes: total((s) => s.rssBytes),
    heapUsedBytes: total((s) => s.heapUsedBytes),
    published: total((s) => s.published),
    skipped: total((s) => s.skipped),
    queuedBytes: total((s) => s.queuedBytes),
    sockets: total((s) => s.sockets),
  };
}

/**
 * `instances` Tradewire processes, all pinned to the server core like the single instance they
 * are compared with, and one load generator on the load core whose sockets are spread over them.
 */
export class ClusterRig implements MeasuredRig {
  private constructor(
    private readonly peers: readonly ServerPeer[],
    readonly server: ClusterServers,
    readonly load: IpcPeer<LoadRequest, LoadStatus>,
    readonly urls: readonly string[],
  ) {}

  static async start(
    instances: number,
    redisUrl: string,
    serverFlags: readonly string[] = [],
  ): Promise<ClusterRig> {
    // Each cluster publishes under a namespace of its own: two rigs of one run must not hear
    // each other's updates (their sockets hold the same topics).
    const namespace = `bench-${randomBytes(4).toString("hex")}`;
    const peers = Array.from({ length: instances }, (_, i) =>
      spawnPinned<ServerRequest, ServerSample>(
        CLUSTER_ENTRY,
        [String(i), namespace],
        {
          core: SERVER_CORE,
          nodeFlags: ["--expose-gc", ...serverFlags],
          env: { REDIS_URL: redisUrl },
        },
      ),
    );
    const load = spawnPinned<LoadRequest, LoadStatus>(LOAD_ENTRY, [], {
      core: LOAD_CORE,
    });
    try {
      await Promise.all([...peers.map((p) => p.ready), load.ready]);
      const ports = await Promise.all(
        peers.map(async (p) => (await p.request({ cmd: "sample" })).port),
      );
      const path = wsPathOf("tradewire");
      return new ClusterRig(
        peers,
        new ClusterServers(peers, redisUrl),
        load,
        ports.map((port) => `ws://127.0.0.1:${port}${path}`),
      );
    } catch (err) {
      await stopAll(peers, load);
      throw err;
    }
  }

  /** Open the plan's sockets, an equal share on each instance (the last takes the remainder). */
  async connect(plan: SocketPlan): Promise<LoadStatus> {
    const share = Math.floor(plan.sockets / this.urls.length);
    let status: LoadStatus | null = null;
    for (const [i, url] of this.urls.entries()) {
      const sockets =
        i === this.urls.length - 1 ? plan.sockets - share * i : share;
      status = await this.load.request({
        cmd: "connect",
        url,
        protocol: "tradewire",
        ...plan,
        sockets,
        firstSocket: plan.firstSocket + share * i,
      });
      if (status.failed > 0)
        throw new Error(
          `cluster: ${status.failed} sockets failed to subscribe (instance ${i})`,
        );
    }
    if (!status) throw new Error("a cluster of no instance");
    return status;
  }

  /** How many sockets each instance holds. */
  async socketsPerInstance(): Promise<number[]> {
    return Promise.all(
      this.peers.map(async (p) => (await p.request({ cmd: "sample" })).sockets),
    );
  }

  stop(): Promise<void> {
    return stopAll(this.peers, this.load);
  }
}

async function stopAll(
  peers: readonly ServerPeer[],
  load: IpcPeer<LoadRequest, LoadStatus>,
): Promise<void> {
  await Promise.allSettled([
    load.request({ cmd: "close" }),
    ...peers.map((p) => p.request({ cmd: "close" })),
  ]);
  await Promise.all([
    stopChild(load.child),
    ...peers.map((p) => stopChild(p.child)),
  ]);
}
