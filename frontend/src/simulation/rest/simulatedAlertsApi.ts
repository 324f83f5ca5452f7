import type { AlertsApi } from "../../transport/rest/alertsApi";
import { notSimulated } from "../ws/unavailable";
import { simulate } from "./simulate";

/** The simulation has no alerts: every call is refused with a 503 that says so. */
export function simulatedAlertsApi(): AlertsApi {
  const refuse = () => simulate(() => notSimulated("Alerts"));
  return {
    list: refuse,
    create: refuse,
    replace: refuse,
    remove: refuse,
    events: refuse,
  };
}
