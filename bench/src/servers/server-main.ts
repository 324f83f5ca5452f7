import type { BenchServer } from "./bench-server";
import { rawWsServer } from "./raw-ws";
import { serveBench } from "./serve-bench";
import type { ServerKind } from "./server-kind";
import { SocketIoServer } from "./socketio";
import { TradewireServer } from "./tradewire";
import { wsJsonServer } from "./ws-json";

/** Entry of a server process: `server-main.ts <kind>`; the orchestrator drives it over IPC. */
function build(kind: ServerKind): BenchServer {
  switch (kind) {
    case "raw-ws":
      return rawWsServer();
    case "ws-json":
      return wsJsonServer();
    case "socketio":
      return new SocketIoServer();
    case "tradewire":
      return new TradewireServer();
    case "tradewire-deflate":
      return new TradewireServer(undefined, undefined, { WS_DEFLATE: "on" });
  }
}

await serveBench(build(process.argv[2] as ServerKind));
