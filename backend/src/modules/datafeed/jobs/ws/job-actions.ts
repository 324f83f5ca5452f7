import type { JobsCancelRequest } from "@tradewire/client";
import type { JobsActions } from "../../../../generated/ws-routers";
import type { ActionCaller, ActionOutcome } from "../../../../ws";
import type { JobRunner } from "../run/job-runner";

/**
 * `jobs.cancel`: the REST cancel over the socket, for the socket's account only; answered once the
 * job has stopped, so the `cancelled` update is already on its way.
 */
export class JobActions implements JobsActions {
  constructor(private readonly runner: JobRunner) {}

  async cancel(
    caller: ActionCaller,
    request: JobsCancelRequest,
  ): Promise<ActionOutcome> {
    if (caller.accountId === null)
      return {
        status: "error",
        code: "UNAUTHORIZED",
        message: "cancelling needs a logged-in account",
      };
    const stored = await this.runner.cancel(caller.accountId, request.id);
    return stored
      ? { status: "ok" }
      : {
          status: "error",
          code: "NOT_FOUND",
          message: `no history job ${request.id}`,
        };
  }
}
