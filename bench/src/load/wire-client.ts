import {
  readPackedStamp,
  readStamp,
  SUBSCRIBE_TYPE,
} from "../harness/quote-shape";
import type { WireProtocol } from "../servers/server-kind";
import { LightSocket, type HandshakeOptions } from "./light-socket";

/** Called for every update a socket receives, with the scheduled publish time it carries. */
export type OnUpdate = (stampMs: number) => void;

const SUBSCRIBE_TIMEOUT_MS = 30_000;
const OK = Buffer.from('"status":"ok"');
/** `status: "ok"` in a MessagePack answer (two fixstrs). */
const PACKED_OK = Buffer.from([
  0xa6,
  ...Buffer.from("status"),
  0xa2,
  ...Buffer.from("ok"),
]);

/**
 * Open one socket and subscribe it to `symbols` through the server's own protocol: Tradewire's
 * `quotes.subscribe` (which the ws baselines speak too), or a Socket.IO event with an ack over
 * Engine.IO v4 framing. The same client code and cost per message whichever server is measured;
 * it resolves once every subscription is confirmed.
 */
export function openClient(
  url: string,
  protocol: WireProtocol,
  symbols: readonly string[],
  onUpdate: OnUpdate,
  handshake: HandshakeOptions = {},
): Promise<LightSocket> {
  return new Promise<LightSocket>((resolve, reject) => {
    let socket: LightSocket | null = null;
    let confirmed = 0;
    let settled = false;
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err === null && socket) resolve(socket);
      else {
        socket?.destroy();
        reject(err ?? new Error("no socket"));
      }
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `subscriptions not confirmed in ${SUBSCRIBE_TIMEOUT_MS} ms`,
          ),
        ),
      SUBSCRIBE_TIMEOUT_MS,
    );
    const confirm = (
      data: Buffer,
      start: number,
      end: number,
      binary = false,
    ): void => {
      const at = data.indexOf(binary ? PACKED_OK : OK, start);
      if (at < 0 || at >= end) {
        finish(
          new Error(`subscribe refused: ${data.toString("utf8", start, end)}`),
        );
        return;
      }
      confirmed += 1;
      if (confirmed === symbols.length) finish(null);
    };
    const subscribeAll = (
      frame: (symbol: string, id: number) => string,
    ): void => {
      symbols.forEach((symbol, id) => socket?.sendText(frame(symbol, id)));
    };
    const onText =
      protocol === "tradewire"
        ? (data: Buffer, start: number, end: number, binary: boolean): void => {
            const stamp = binary
              ? readPackedStamp(data, start, end)
              : readStamp(data, start, end);
            if (!Number.isNaN(stamp)) onUpdate(stamp);
            else confirm(data, start, end, binary);
          }
        : // Engine.IO v4: "0{…}" open, "2" ping (answer "3"), "40" namespace connected,
          // "42[…]" event, "43<id>[…]" ack.
          (data: Buffer, start: number, end: number): void => {
            const stamp = readStamp(data, start, end);
            if (!Number.isNaN(stamp)) {
              onUpdate(stamp);
              return;
            }
            const text = data.toString("utf8", start, end);
            if (text === "2") socket?.sendText("3");
            else if (text.startsWith("0{")) socket?.sendText("40");
            else if (text.startsWith("40"))
              subscribeAll(
                (symbol, id) =>
                  `42${id}${JSON.stringify([SUBSCRIBE_TYPE, { symbols: [symbol] }])}`,
              );
            else if (text.startsWith("43")) confirm(data, start, end);
          };
    LightSocket.open(
      url,
      onText,
      () => {
        if (confirmed < symbols.length)
          finish(new Error("closed while subscribing"));
      },
      handshake,
    ).then((opened) => {
      socket = opened;
      if (protocol === "tradewire")
        subscribeAll((symbol, id) =>
          JSON.stringify({
            type: SUBSCRIBE_TYPE,
            id,
            payload: { symbols: [symbol] },
          }),
        );
    }, finish);
  });
}
