import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { CHANNELS, ROUTES, type Route } from "../../generated/channels.js";
import type { ErrorCode } from "../../generated/models.js";
import { channelTopic } from "../../protocol/topic.js";

export interface ReceivedFrame {
  /** 1-based index of the connection the frame came on, counted across restarts. */
  readonly connection: number;
  readonly type: string;
  readonly id: string | number | undefined;
  readonly payload: Record<string, unknown>;
}

export type SubscribeReply =
  | { readonly status: "ok" }
  | {
      readonly status: "error";
      readonly code: ErrorCode;
      readonly message: string;
    }
  /** An `error` frame echoing the id, as the gateway sends for RATE_LIMITED. */
  | { readonly status: "error-frame"; readonly code: ErrorCode }
  /** No answer; the test may answer later with `accept(frame)`. */
  | { readonly status: "silent" };

interface Peer {
  readonly index: number;
  readonly token: string | null;
  readonly topics: Set<string>;
}

/**
 * A small server speaking the Tradewire socket protocol over a real `ws` server, for client
 * tests: it answers subscribes (ok by default, with the topic the real backend would name),
 * pongs, and lets the test publish updates, drop connections and restart on the same port.
 * Tests wait on `until(condition)`, which is checked again after every server event.
 */
export class ProtocolServer {
  readonly frames: ReceivedFrame[] = [];
  readonly peers = new Map<WebSocket, Peer>();
  /** Every connection ever accepted, in order. */
  readonly connections: Peer[] = [];
  /** Close codes the server saw, per connection. */
  readonly closes: { connection: number; code: number }[] = [];
  accountId = "a1";
  answerPings = true;
  subscribeReply: (frame: ReceivedFrame) => SubscribeReply = () => ({
    status: "ok",
  });
  /** Runs after an ok subscribe response: send the snapshot or replay from here. */
  afterSubscribe: (
    topic: string,
    frame: ReceivedFrame,
    socket: WebSocket,
  ) => void = () => undefined;
  private wss: WebSocketServer;
  private listening = true;
  private readonly waiters = new Set<() => void>();

  private constructor(wss: WebSocketServer) {
    this.wss = wss;
    this.port = (wss.address() as AddressInfo).port;
    this.attach(wss);
  }

  static async start(port = 0): Promise<ProtocolServer> {
    return new ProtocolServer(await listen(port));
  }

  /** Kept from the first start, so a restart can listen on it again. */
  readonly port: number;

  get url(): string {
    return `ws://127.0.0.1:${this.port}/api/v1/ws`;
  }

  /** The topic the backend names: the cursor left out, the account added on scoped channels. */
  topicFor(route: Route, params: object): string {
    return channelTopic(CHANNELS[route], params, this.accountId);
  }

  framesOfType(type: string): ReceivedFrame[] {
    return this.frames.filter((f) => f.type === type);
  }

  /** Resolves once `condition` holds, checking it now and after every server event. */
  until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Sends an update to every socket subscribed to `topic`. */
  publish(route: Route, topic: string, seq: number, payload: object): void {
    for (const [socket, peer] of this.peers) {
      if (peer.topics.has(topic)) {
        sendUpdate(socket, route, topic, seq, payload);
      }
    }
  }

  /** Sends a raw frame on one connection, or on all of them. */
  send(frame: object, connection?: number): void {
    for (const [socket, peer] of this.peers) {
      if (connection === undefined || peer.index === connection) {
        socket.send(JSON.stringify(frame));
      }
    }
  }

  /** Answers a subscribe the server left unanswered with ok, then runs `afterSubscribe`. */
  accept(frame: ReceivedFrame): void {
    for (const [socket, peer] of this.peers) {
      if (peer.index === frame.connection) {
        this.confirm(socket, peer, frame);
      }
    }
  }

  /** Closes every open connection with `code`, or cuts it without a close frame. */
  drop(code?: number): void {
    for (const socket of this.peers.keys()) {
      if (code === undefined) socket.terminate();
      else socket.close(code, "test");
    }
  }

  /** Cuts every connection and stops listening; does nothing when already stopped. */
  async stop(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    this.drop();
    const wss = this.wss;
    await new Promise<void>((resolve, reject) =>
      wss.close((err) => (err ? reject(err) : resolve())),
    );
  }

  /** Listens again on the same port, as a restarted server would. */
  async restart(): Promise<void> {
    this.wss = await listen(this.port);
    this.listening = true;
    this.attach(this.wss);
  }

  private attach(wss: WebSocketServer): void {
    wss.on("connection", (socket, request) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const peer: Peer = {
        index: this.connections.length + 1,
        token: url.searchParams.get("token"),
        topics: new Set(),
      };
      this.connections.push(peer);
      this.peers.set(socket, peer);
      socket.on("message", (data, isBinary) => {
        if (!isBinary) this.receive(socket, peer, rawText(data));
      });
      socket.on("close", (code) => {
        this.peers.delete(socket);
        this.closes.push({ connection: peer.index, code });
        this.notify();
      });
      this.notify();
    });
  }

  private receive(socket: WebSocket, peer: Peer, text: string): void {
    const raw = JSON.parse(text) as Omit<ReceivedFrame, "connection">;
    const frame: ReceivedFrame = { ...raw, connection: peer.index };
    this.frames.push(frame);
    if (frame.type === "ping" && this.answerPings) {
      const pong = { t: frame.payload.t, serverTime: 1_700_000_000_000 };
      socket.send(
        JSON.stringify({ type: "pong", id: frame.id, payload: pong }),
      );
    }
    const [route, action] = splitType(frame.type);
    if (route && action === "subscribe")
      this.subscribe(socket, peer, route, frame);
    if (route && action === "unsubscribe") {
      const topic = this.topicFor(route, frame.payload);
      peer.topics.delete(topic);
      respond(socket, `${route}.unsubscribe.response`, frame.id, {
        status: "ok",
        topic,
      });
    }
    this.notify();
  }

  private subscribe(
    socket: WebSocket,
    peer: Peer,
    route: Route,
    frame: ReceivedFrame,
  ): void {
    const reply = this.subscribeReply(frame);
    if (reply.status === "silent") return;
    if (reply.status === "error-frame") {
      const { code } = reply;
      const error = {
        code,
        message: `${code} (test)`,
        requestType: frame.type,
      };
      respond(socket, "error", frame.id, error);
      return;
    }
    if (reply.status === "error") {
      const topic = this.topicFor(route, frame.payload);
      const { code, message } = reply;
      const type = `${route}.subscribe.response`;
      respond(socket, type, frame.id, {
        status: "error",
        topic,
        code,
        message,
      });
      return;
    }
    this.confirm(socket, peer, frame);
  }

  private confirm(socket: WebSocket, peer: Peer, frame: ReceivedFrame): void {
    const route = splitType(frame.type)[0];
    if (!route) return;
    const topic = this.topicFor(route, frame.payload);
    peer.topics.add(topic);
    respond(socket, `${route}.subscribe.response`, frame.id, {
      status: "ok",
      topic,
    });
    this.afterSubscribe(topic, frame, socket);
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }
}

export function sendUpdate(
  socket: WebSocket,
  route: Route,
  topic: string,
  seq: number,
  payload: object,
): void {
  const frame = { type: `${route}.update`, payload: { topic, seq, payload } };
  socket.send(JSON.stringify(frame));
}

function respond(
  socket: WebSocket,
  type: string,
  id: string | number | undefined,
  payload: object,
): void {
  socket.send(JSON.stringify({ type, id, payload }));
}

function splitType(type: string): [Route | undefined, string | undefined] {
  const dot = type.indexOf(".");
  if (dot < 0) return [undefined, undefined];
  const route = ROUTES.find((r) => r === type.slice(0, dot));
  return [route, type.slice(dot + 1)];
}

function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

function listen(port: number): Promise<WebSocketServer> {
  return new Promise((resolve, reject) => {
    // JSON only, as a server of this protocol version that does not speak MessagePack.
    const wss = new WebSocketServer({
      port,
      host: "127.0.0.1",
      handleProtocols: (offered) =>
        offered.has("tradewire.v1.json") ? "tradewire.v1.json" : false,
    });
    wss.once("listening", () => resolve(wss));
    wss.once("error", reject);
  });
}
