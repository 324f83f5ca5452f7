import type { ChannelDescriptor } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { WsConnection } from "../connection/connection";
import type { TopicState } from "./topic-state";
import type { TopicUpdate, WsRouteService } from "./route-service";

/**
 * The live topics of one router and their life: created by the first subscriber (concurrent
 * subscribers share one `createTopic`), removed when the last one leaves, never both at once.
 */
export class TopicTable<Req, Data> {
  private readonly topics = new Map<string, TopicState<Req>>();

  constructor(
    private readonly channel: ChannelDescriptor,
    private readonly service: WsRouteService<Req, Data>,
    /** The `topicUpdate` the service publishes a new topic through. */
    private readonly publisher: (state: TopicState<Req>) => TopicUpdate<Data>,
    private readonly log: () => FastifyBaseLogger,
  ) {}

  get size(): number {
    return this.topics.size;
  }

  get subscriptionCount(): number {
    let n = 0;
    for (const t of this.topics.values()) n += t.subscribers.size;
    return n;
  }

  get(topicId: string): TopicState<Req> | undefined {
    return this.topics.get(topicId);
  }

  /**
   * The live topic, created first if need be; the caller is counted among its waiters (decrement
   * `waiters` once subscribed) so it is not removed in between. Rejects when creation fails.
   */
  async acquire(
    topicId: string,
    params: Req,
    accountId: string | null,
  ): Promise<TopicState<Req>> {
    for (;;) {
      const existing = this.topics.get(topicId);
      if (existing?.phase === "removing") {
        await existing.removed;
        continue;
      }
      const state = existing ?? this.create(topicId, params, accountId);
      state.waiters += 1;
      try {
        await state.ready;
      } catch (err) {
        state.waiters -= 1;
        throw err;
      }
      return state;
    }
  }

  /** Remove the topic if nobody holds or waits for it any more. */
  removeIfUnused(state: TopicState<Req>): void {
    if (
      state.phase !== "live" ||
      state.subscribers.size > 0 ||
      state.waiters > 0
    )
      return;
    state.phase = "removing";
    state.removed = (async () => {
      try {
        await this.service.removeTopic(state.ref);
      } catch (err) {
        this.log().error({ err, topic: state.ref.id }, "removeTopic failed");
      } finally {
        if (this.topics.get(state.ref.id) === state)
          this.topics.delete(state.ref.id);
      }
    })();
  }

  /** Shutdown: forget every subscriber and remove every topic. */
  async closeAll(
    forget: (conn: WsConnection, topicId: string) => void,
  ): Promise<void> {
    const removals: Promise<void>[] = [];
    for (const state of [...this.topics.values()]) {
      for (const conn of state.subscribers) forget(conn, state.ref.id);
      state.subscribers.clear();
      this.removeIfUnused(state);
      if (state.removed) removals.push(state.removed);
    }
    await Promise.all(removals);
  }

  private create(
    topicId: string,
    params: Req,
    accountId: string | null,
  ): TopicState<Req> {
    const state: TopicState<Req> = {
      ref: {
        id: topicId,
        params,
        accountId: this.channel.accountScoped ? accountId : null,
      },
      topicJson: JSON.stringify(topicId),
      subscribers: new Set(),
      seq: 0,
      phase: "creating",
      waiters: 0,
      ready: Promise.resolve(),
      removed: null,
      replaying: null,
    };
    this.topics.set(topicId, state);
    state.ready = (async () => {
      try {
        await this.service.createTopic(state.ref, this.publisher(state));
        state.phase = "live";
      } catch (err) {
        state.phase = "failed";
        if (this.topics.get(topicId) === state) this.topics.delete(topicId);
        throw err;
      }
    })();
    // Waiters observe the rejection; this keeps an unobserved failure from crashing the process.
    state.ready.catch(() => undefined);
    return state;
  }
}
