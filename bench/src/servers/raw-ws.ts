import { updateFrame } from "../harness/quote-shape";
import { TEXT, WsBaseline, type Broadcast } from "./ws-baseline";

/** The ceiling: one serialization and one Buffer per update, the same Buffer sent to every socket. */
const serializeOnce: Broadcast = (topic, data) => {
  const frame = Buffer.from(updateFrame(topic.json, topic.seq, data));
  for (const ws of topic.sockets) ws.send(frame, TEXT);
};

export function rawWsServer(): WsBaseline {
  return new WsBaseline(serializeOnce);
}
