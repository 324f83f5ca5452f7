import type { Bus } from "../../../../bus/bus";
import { ALERT_RULES_CHANNEL } from "../../../../cluster/channels";
import type { ClusterRole } from "../../../../cluster/role";
import type { AlertArming, ArmingDeps } from "../engine/alert-engine";
import type { RulePlacement } from "../engine/rule-placement";
import { streamOf } from "../evaluation/conditions";
import type { SharedStream } from "../evaluation/stream-hub";
import type { StoredRule } from "../model";

/** What travels on ALERT_RULES_CHANNEL: which rule changed; the database says how. */
interface RuleNotice {
  readonly accountId: string;
  readonly id: string;
}

function noticeOf(message: unknown): RuleNotice | null {
  if (typeof message !== "object" || message === null) return null;
  const { accountId, id } = message as Partial<RuleNotice>;
  return typeof accountId === "string" && typeof id === "string"
    ? { accountId, id }
    : null;
}

/**
 * Rule evaluation when several instances run: only the leader evaluates. On becoming leader it
 * listens on ALERT_RULES_CHANNEL, then arms every active rule from the database (fire counts,
 * last firings and one-shot state as stored), then applies what it heard meanwhile; on stepping
 * down it disarms everything and waits for its firings to be stored. Any instance stores REST
 * changes and announces them; the leader re-reads the rule, so notices may come late, twice or
 * out of order. A firing the leader decided on a stale definition is refused by the store.
 */
export class AlertLeadership implements RulePlacement {
  /** Raised on each change of leadership: work begun in an earlier term is dropped. */
  private term = 0;
  private running = false;
  private stopNotices: (() => Promise<void>) | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private offRole: (() => void) | null = null;

  constructor(
    private readonly deps: ArmingDeps,
    private readonly arming: AlertArming,
    private readonly role: ClusterRole,
    private readonly bus: Bus,
    private readonly sweepMs: number,
  ) {}

  async start(): Promise<void> {
    this.offRole = this.role.onChange((leader) =>
      leader ? this.lead() : this.stepDown(),
    );
    if (this.role.isLeader()) await this.lead();
  }

  async stop(): Promise<void> {
    this.offRole?.();
    await this.stepDown();
  }

  placed(stored: StoredRule, stream: SharedStream): void {
    if (this.running) this.adopt(stored, stream);
    else this.deps.hub.release(stream);
    this.announce(stored);
  }

  removed(stored: StoredRule): void {
    if (this.running) this.arming.detach(stored.rule.id);
    this.announce(stored);
  }

  /** After the bus was cut off: notices may have been lost, so every rule is read again. */
  async resync(): Promise<void> {
    if (!this.running) return;
    const term = this.term;
    if (!this.stopNotices)
      await this.listen(term, (notice) => this.reconcile(notice, term));
    const armedBefore = this.arming.armedRules();
    const active = await this.deps.store.activeRules();
    const ids = new Set(active.map((s) => s.rule.id));
    for (const stored of active) await this.arm(stored, term);
    for (const { accountId, rule } of armedBefore)
      if (!ids.has(rule.id)) this.reconcile({ accountId, id: rule.id }, term);
  }

  private async lead(): Promise<void> {
    const term = ++this.term;
    let heard: RuleNotice[] | null = [];
    await this.listen(term, (notice) => {
      if (heard) heard.push(notice);
      else this.reconcile(notice, term);
    });
    this.running = true;
    for (const stored of await this.deps.store.activeRules())
      await this.arm(stored, term);
    const pending = heard;
    heard = null;
    for (const notice of pending) this.reconcile(notice, term);
    this.sweeper = setInterval(() => this.arming.sweep(), this.sweepMs);
    this.sweeper.unref();
    this.deps.log.info(
      { armed: this.arming.size },
      "leading: alert rules armed",
    );
  }

  /** Hear rule notices; a bus that refuses is logged, and `resync` tries again once it is back. */
  private async listen(
    term: number,
    heard: (notice: RuleNotice) => void,
  ): Promise<void> {
    try {
      const stop = await this.bus.subscribe(ALERT_RULES_CHANNEL, (m) => {
        const notice = noticeOf(m);
        if (!notice) this.deps.log.warn("malformed alert rule notice");
        else if (term === this.term) heard(notice);
      });
      if (term === this.term) this.stopNotices = stop;
      else await stop();
    } catch (err) {
      this.deps.log.error({ err }, "alert rule notices cannot be heard");
    }
  }

  private async stepDown(): Promise<void> {
    this.term++;
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    const stop = this.stopNotices;
    this.stopNotices = null;
    await stop?.();
    this.arming.detachAll();
    // Firings already decided are stored and published, so the next leader reads them.
    await this.deps.queue.idle();
  }

  /** Bring one rule in line with the database, after the account's earlier writes. */
  private reconcile(notice: RuleNotice, term: number): void {
    this.deps.queue
      .run(notice.accountId, async () => {
        if (term !== this.term) return;
        const stored = await this.deps.store.ruleById(notice.id);
        if (term !== this.term) return;
        if (
          stored?.accountId === notice.accountId &&
          stored.rule.status === "active"
        )
          await this.arm(stored, term);
        else this.arming.detach(notice.id);
      })
      .catch((err: unknown) =>
        this.deps.log.error(
          { err, alertId: notice.id },
          "an alert rule change could not be applied",
        ),
      );
  }

  /** Arm `stored` unless it is armed at that definition already (its firing state is newer). */
  private async arm(stored: StoredRule, term: number): Promise<void> {
    if (this.isCurrent(stored)) return;
    const { symbol, resolution } = streamOf(stored.rule.condition);
    let stream: SharedStream;
    try {
      stream = await this.deps.hub.acquire(symbol, resolution);
    } catch (err) {
      this.deps.log.warn(
        { err, alertId: stored.rule.id },
        "alert rule cannot be armed",
      );
      return;
    }
    if (term !== this.term) this.deps.hub.release(stream);
    else this.adopt(stored, stream);
  }

  private adopt(stored: StoredRule, stream: SharedStream): void {
    if (this.isCurrent(stored)) {
      this.deps.hub.release(stream);
      return;
    }
    this.arming.detach(stored.rule.id);
    this.arming.attach(stored, stream);
  }

  private isCurrent(stored: StoredRule): boolean {
    const armed = this.arming.versionOf(stored.rule.id);
    return armed !== undefined && armed >= stored.version;
  }

  private announce({ accountId, rule }: StoredRule): void {
    const notice: RuleNotice = { accountId, id: rule.id };
    this.bus
      .publish(ALERT_RULES_CHANNEL, notice)
      .catch((err: unknown) =>
        this.deps.log.error(
          { err, alertId: rule.id },
          "an alert rule change could not be announced",
        ),
      );
  }
}
