/** The servers compared in the fan-out scenarios, in the order tables list them. */
export const SERVER_KINDS = [
  "raw-ws",
  "socketio",
  "tradewire",
  "ws-json",
  "tradewire-deflate",
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export const SERVER_LABELS: Record<ServerKind, string> = {
  "raw-ws": "raw ws (serialize once)",
  socketio: "Socket.IO 4.8 rooms",
  tradewire: "Tradewire",
  "ws-json": "ws, JSON.stringify per socket",
  "tradewire-deflate": "Tradewire, WS_DEFLATE=on",
};

/** How a load generator talks to a server: Tradewire's protocol, or Engine.IO/Socket.IO framing. */
export type WireProtocol = "tradewire" | "socketio";

export function protocolOf(kind: ServerKind): WireProtocol {
  return kind === "socketio" ? "socketio" : "tradewire";
}

/** Path of the WebSocket endpoint on each server. */
export function wsPathOf(kind: ServerKind): string {
  if (kind === "socketio") return "/socket.io/?EIO=4&transport=websocket";
  return "/api/v1/ws";
}
