import type { SimulatedAlerts } from "../alerts/simulatedAlerts";
import type { AlertsApi } from "../../transport/rest/alertsApi";
import { simulate } from "./simulate";

/** AlertsApi served by the simulation's price alerts. */
export function simulatedAlertsApi(alerts: SimulatedAlerts): AlertsApi {
  return {
    list: () => simulate(() => alerts.list()),
    create: (input) => simulate(() => alerts.create(input)),
    replace: (id, input) => simulate(() => alerts.replace(id, input)),
    remove: (id) => simulate(() => alerts.remove(id)),
    events: (before, limit) => simulate(() => alerts.eventsPage(before, limit)),
  };
}
