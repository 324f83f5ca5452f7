import type { ApiFailure } from "../../model/apiError";
import {
  toAlertRule,
  toFiredAlert,
  type AlertRule,
  type AlertRuleInput,
  type FiredAlert,
} from "../../model/alert";
import type { AlertsApi } from "../../transport/rest/alertsApi";
import { isApiError } from "../../transport/rest/call";
import type { WsAdapter } from "../../transport/ws/wsAdapter";
import { channelStream, type Stream } from "../stream";

export type AlertOutcome =
  | { readonly ok: true; readonly rule: AlertRule }
  | { readonly ok: false; readonly error: ApiFailure };

/** What the fired-alerts stream hands out: the past once, then each new firing. */
export type AlertFeedItem =
  | { readonly kind: "history"; readonly events: readonly FiredAlert[] }
  | { readonly kind: "fired"; readonly event: FiredAlert };

const HISTORY_PAGE = 100;

/**
 * Rules are changed over REST and come back on the `alerts` channel, which the store follows;
 * fired alerts are the REST history, then `alert-events` from just after it, so the client core
 * resumes from the last sequence after a reconnect and nothing is missed or repeated.
 */
export class AlertService {
  readonly rules: Stream<AlertRule>;
  readonly fired: Stream<AlertFeedItem>;

  constructor(
    private readonly api: AlertsApi,
    adapter: Pick<WsAdapter, "alerts" | "alertEvents">,
  ) {
    this.rules = channelStream(adapter.alerts, {});
    this.fired = {
      subscribe: (listener, onError) => {
        let stopLive: (() => void) | undefined;
        let stopped = false;
        void this.history().then((events) => {
          if (stopped) return;
          listener({ kind: "history", events: events ?? [] });
          // Without the history (REST failed) live only: replaying everything would toast it all.
          const params =
            events === null
              ? {}
              : {
                  since: events.reduce(
                    (max, e) => Math.max(max, e.sequence),
                    0,
                  ),
                };
          stopLive = channelStream(adapter.alertEvents, params).subscribe(
            (event) => listener({ kind: "fired", event }),
            onError,
          );
        });
        return () => {
          stopped = true;
          stopLive?.();
        };
      },
    };
  }

  create(input: AlertRuleInput): Promise<AlertOutcome> {
    return this.outcome(() => this.api.create(input));
  }

  replace(alertId: string, input: AlertRuleInput): Promise<AlertOutcome> {
    return this.outcome(() => this.api.replace(alertId, input));
  }

  remove(alertId: string): Promise<AlertOutcome> {
    return this.outcome(() => this.api.remove(alertId));
  }

  private history(): Promise<FiredAlert[] | null> {
    return this.api
      .events(undefined, HISTORY_PAGE)
      .then((page) => page.items.map(toFiredAlert))
      .catch(() => null);
  }

  private async outcome(
    action: () => Promise<Parameters<typeof toAlertRule>[0]>,
  ): Promise<AlertOutcome> {
    try {
      return { ok: true, rule: toAlertRule(await action()) };
    } catch (error) {
      if (!isApiError(error)) throw error;
      return { ok: false, error: error.failure };
    }
  }
}
