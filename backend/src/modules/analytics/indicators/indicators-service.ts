import { CHANNELS } from "@tradewire/client";
import type {
  IndicatorsSubscriptionRequest,
  IndicatorValue,
} from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../clock";
import type { BarStreams } from "../../../contracts/bar-streams";
import {
  TopicError,
  type TopicRef,
  type TopicUpdate,
  type WsRouteService,
} from "../../../ws";
import { IndicatorTopic } from "./indicator-topic";
import { checkParams, createIndicator } from "./math";
import { barsSince, startBars } from "./warmup";

type Ref = TopicRef<IndicatorsSubscriptionRequest>;

const DEFAULT_HISTORY = CHANNELS.indicators.defaults.history;

/**
 * `indicators {symbol, resolution, kind, params, history}`: one incremental computation per topic
 * on a live bar stream, warmed on older bars so the first value sent is the converged one.
 */
export class IndicatorsService implements WsRouteService<
  IndicatorsSubscriptionRequest,
  IndicatorValue
> {
  private readonly topics = new Map<string, IndicatorTopic>();
  /** Topics still warming up: they count toward the limit too. */
  private starting = 0;

  constructor(
    private readonly bars: BarStreams,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly maxTopics: number,
  ) {}

  async createTopic(
    topic: Ref,
    topicUpdate: TopicUpdate<IndicatorValue>,
  ): Promise<void> {
    const reason = checkParams(topic.params.kind, topic.params.params ?? {});
    if (reason !== null) throw new TopicError("INVALID_PARAMS", reason);
    if (this.topics.size + this.starting >= this.maxTopics)
      throw new TopicError(
        "SUBSCRIPTION_LIMIT",
        `the server computes at most ${this.maxTopics} indicator topics (INDICATORS_MAX_TOPICS)`,
      );
    this.starting += 1;
    try {
      await this.start(topic, topicUpdate);
    } finally {
      this.starting -= 1;
    }
  }

  private async start(
    topic: Ref,
    topicUpdate: TopicUpdate<IndicatorValue>,
  ): Promise<void> {
    const { symbol, resolution, kind } = topic.params;
    const params = topic.params.params ?? {};
    const history = topic.params.history ?? DEFAULT_HISTORY;
    const indicator = createIndicator(kind, params, {
      sessionStart: (time) => this.bars.sessionStart(symbol, time),
    });
    const computation = new IndicatorTopic(
      indicator,
      history,
      topicUpdate,
      (err, bar) =>
        this.log.warn({ err, topic: topic.id, bar }, "indicator refused a bar"),
    );
    const count = startBars({
      history,
      warmup: indicator.warmup,
      sessionBars:
        kind === "vwap" ? this.sessionBars(symbol, resolution) : undefined,
    });
    const stream = await this.bars.stream(symbol, resolution, count, (e) =>
      computation.onEvent(e),
    );
    computation.start(stream);
    this.topics.set(topic.id, computation);
  }

  removeTopic(topic: Ref): void {
    this.topics.get(topic.id)?.stop();
    this.topics.delete(topic.id);
  }

  snapshot(topic: Ref): readonly IndicatorValue[] {
    return this.topics.get(topic.id)?.snapshot() ?? [];
  }

  /** Stops every computation (the module's stop). */
  stopAll(): void {
    for (const computation of this.topics.values()) computation.stop();
    this.topics.clear();
  }

  private sessionBars(symbol: string, resolution: string): number {
    const now = this.clock.now();
    return barsSince(resolution, this.bars.sessionStart(symbol, now), now);
  }
}
