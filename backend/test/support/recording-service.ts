import type { TopicRef, TopicUpdate, WsRouteService } from "../../src/ws";

/**
 * A WsRouteService for tests: records the router's calls, lets the test publish on any live
 * topic, and can be told to fail or to take its time creating a topic.
 */
export class RecordingService<Req, Data> implements WsRouteService<Req, Data> {
  readonly created: string[] = [];
  readonly removed: string[] = [];
  readonly publishers = new Map<string, TopicUpdate<Data>>();
  readonly refs = new Map<string, TopicRef<Req>>();
  /** What `snapshot` returns for each topic. */
  readonly state = new Map<string, Data[]>();
  /** Events `replay` reads from, as a database would. */
  readonly history: Data[] = [];
  /** The `since` of every replay the router asked for. */
  readonly replays: number[] = [];
  failNextCreate: Error | null = null;
  /** Thrown by the next `replay` call (after its gate), as a failing database would. */
  failNextReplay: Error | null = null;
  createGate: Promise<void> | null = null;
  replayGate: Promise<void> | null = null;

  constructor(private readonly cursorField?: keyof Data & string) {}

  async createTopic(
    topic: TopicRef<Req>,
    topicUpdate: TopicUpdate<Data>,
  ): Promise<void> {
    this.created.push(topic.id);
    if (this.createGate) await this.createGate;
    if (this.failNextCreate) {
      const err = this.failNextCreate;
      this.failNextCreate = null;
      throw err;
    }
    this.publishers.set(topic.id, topicUpdate);
    this.refs.set(topic.id, topic);
  }

  removeTopic(topic: TopicRef<Req>): void {
    this.removed.push(topic.id);
    this.publishers.delete(topic.id);
    this.refs.delete(topic.id);
  }

  snapshot(topic: TopicRef<Req>): readonly Data[] {
    return this.state.get(topic.id) ?? [];
  }

  async replay(
    _topic: TopicRef<Req>,
    since: number,
    limit: number,
  ): Promise<readonly Data[]> {
    this.replays.push(since);
    if (this.replayGate) await this.replayGate;
    if (this.failNextReplay) {
      const err = this.failNextReplay;
      this.failNextReplay = null;
      throw err;
    }
    const field = this.cursorField;
    if (!field) return [];
    return this.history.filter((e) => Number(e[field]) > since).slice(0, limit);
  }

  publish(topicId: string, data: Data): void {
    const publish = this.publishers.get(topicId);
    if (!publish)
      throw new Error(
        `no live topic ${topicId}; live: ${[...this.publishers.keys()].join(", ")}`,
      );
    publish(data);
  }
}

/** A promise the test resolves when it wants to. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
