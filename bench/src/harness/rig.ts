import { fileURLToPath } from "node:url";
import type {
  ConnectPlan,
  LoadRequest,
  LoadStatus,
} from "../load/load-protocol";
import type { ServerRequest, ServerSample } from "../servers/bench-server";
import { protocolOf, wsPathOf, type ServerKind } from "../servers/server-kind";
import { spawnPinned, stopChild } from "./child";
import type { IpcPeer } from "./ipc";

const SERVER_ENTRY = fileURLToPath(
  new URL("../servers/server-main.ts", import.meta.url),
);
const LOAD_ENTRY = fileURLToPath(
  new URL("../load/client-worker.ts", import.meta.url),
);

/** The server under test runs on core 0, the load generator and the orchestrator on core 1. */
export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

export type SocketPlan = Omit<ConnectPlan, "url" | "protocol">;

/** One server process and the load generator connected to it. */
export class Rig {
  private constructor(
    readonly kind: ServerKind,
    readonly server: IpcPeer<ServerRequest, ServerSample>,
    readonly load: IpcPeer<LoadRequest, LoadStatus>,
    readonly url: string,
  ) {}

  /** Start a pinned server of `kind` and a pinned load generator (no sockets yet). */
  static async start(
    kind: ServerKind,
    serverFlags: readonly string[] = [],
  ): Promise<Rig> {
    const server = spawnPinned<ServerRequest, ServerSample>(
      SERVER_ENTRY,
      [kind],
      {
        core: SERVER_CORE,
        nodeFlags: ["--expose-gc", ...serverFlags],
      },
    );
    const load = spawnPinned<LoadRequest, LoadStatus>(LOAD_ENTRY, [], {
      core: LOAD_CORE,
    });
    await Promise.all([server.ready, load.ready]);
    const { port } = await server.request({ cmd: "sample" });
    return new Rig(
      kind,
      server,
      load,
      `ws://127.0.0.1:${port}${wsPathOf(kind)}`,
    );
  }

  /** Open and subscribe sockets; fails if any socket could not subscribe. */
  async connect(plan: SocketPlan): Promise<LoadStatus> {
    const status = await this.load.request({
      cmd: "connect",
      url: this.url,
      protocol: protocolOf(this.kind),
      ...plan,
    });
    if (status.failed > 0)
      throw new Error(
        `${this.kind}: ${status.failed} of ${plan.sockets} sockets failed to subscribe`,
      );
    return status;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([
      this.load.request({ cmd: "close" }),
      this.server.request({ cmd: "close" }),
    ]);
    await Promise.all([
      stopChild(this.load.child),
      stopChild(this.server.child),
    ]);
  }
}
