import { UPDATE_TYPE } from "../harness/quote-shape";
import { TEXT, WsBaseline, type Broadcast } from "./ws-baseline";

/** The naive server: the update envelope built and stringified again for every socket. */
const stringifyPerSocket: Broadcast = (topic, data) => {
  for (const ws of topic.sockets)
    ws.send(
      JSON.stringify({
        type: UPDATE_TYPE,
        payload: { topic: topic.id, seq: topic.seq, payload: data },
      }),
      TEXT,
    );
};

export function wsJsonServer(): WsBaseline {
  return new WsBaseline(stringifyPerSocket);
}
