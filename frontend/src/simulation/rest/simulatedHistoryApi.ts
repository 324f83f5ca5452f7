import type { HistoryApi } from "../../transport/rest/historyApi";
import { SimulatedError } from "../simulatedError";
import { simulate } from "./simulate";

const refuse = (): never => {
  throw new SimulatedError(
    "SERVICE_UNAVAILABLE",
    "History jobs need the server: the simulation has none",
    503,
  );
};

/**
 * History jobs read the server's stored bars and write export files, which the simulation does
 * not have: every call is refused the way an unavailable server would, so the panel says why.
 */
export function simulatedHistoryApi(): HistoryApi {
  return {
    list: () => simulate(refuse),
    create: () => simulate(refuse),
    cancel: () => simulate(refuse),
  };
}
