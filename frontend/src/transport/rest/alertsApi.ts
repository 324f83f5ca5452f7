import type {
  AlertEventPage_Api_Backend,
  AlertRuleInput_Api_Backend,
  AlertRule_Api_Backend,
} from "../../clients/api-types-generated";

/** The alert rules' REST side (/api/v1/alerts), in wire shapes; failures are ApiErrors. */
export interface AlertsApi {
  list(): Promise<AlertRule_Api_Backend[]>;
  create(input: AlertRuleInput_Api_Backend): Promise<AlertRule_Api_Backend>;
  /** Replaces the rule's definition and re-arms it (a dragged line, an edited level). */
  replace(
    alertId: string,
    input: AlertRuleInput_Api_Backend,
  ): Promise<AlertRule_Api_Backend>;
  remove(alertId: string): Promise<AlertRule_Api_Backend>;
  /** Fired alerts, newest first; `before` is the previous page's `nextBefore`. */
  events(before?: number, limit?: number): Promise<AlertEventPage_Api_Backend>;
}
