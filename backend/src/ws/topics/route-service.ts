/** A topic as a service sees it: its wire name, its validated params and, when scoped, its account. */
export interface TopicRef<Req> {
  /** The topic string sent to clients, `<route>:<canonical params>`. */
  readonly id: string;
  readonly params: Req;
  /** The account of an account-scoped channel's subscribers; null on public channels. */
  readonly accountId: string | null;
}

/**
 * Publish one update on a topic; the router stamps `seq`, fans it out and returns that `seq`.
 * `whole`, on a conflatable channel: the state this update leaves, standing alone (a whole quote
 * where `data` is a delta of it). A socket that is behind queues `whole` instead of `data`,
 * because a queued update may be replaced by a newer one and a delta must not be lost.
 */
export type TopicUpdate<Data> = (data: Data, whole?: Data) => number;

/**
 * What a feature module implements for each channel it serves. The router calls `createTopic` when
 * a topic gets its first subscriber and `removeTopic` when its last one leaves or disconnects.
 */
export interface WsRouteService<Req, Data> {
  createTopic(
    topic: TopicRef<Req>,
    topicUpdate: TopicUpdate<Data>,
  ): void | Promise<void>;
  removeTopic(topic: TopicRef<Req>): void | Promise<void>;
  /** Snapshot channels: the current state, sent to each new subscriber as updates. */
  snapshot?(topic: TopicRef<Req>): readonly Data[];
  /**
   * Cursor channels: one page of a replay, at most `limit` events after `since`, oldest first.
   * The router asks page after page until one comes back short, so a replay of any length is
   * read and sent in bounded memory.
   */
  replay?(
    topic: TopicRef<Req>,
    since: number,
    limit: number,
  ): Promise<readonly Data[]>;
}
