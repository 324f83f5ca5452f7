import type { JobsCancelRequest } from "@tradewire/client";
import type { JobsActions } from "../../../../generated/ws-routers";
import type { ActionCaller, ActionOutcome } from "../../../../ws";
import type { JobCancel } from "../cluster/job-cancel";
import { JobRejection } from "../rejection";

/**
 * `jobs.cancel`: the REST cancel over the socket, for the socket's account only; answered once the
 * job has stopped (on whichever instance runs it), so the `cancelled` update is already on its way.
 */
export class JobActions implements JobsActions {
  constructor(private readonly jobs: JobCancel) {}

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
    let stored;
    try {
      stored = await this.jobs.cancel(caller.accountId, request.id);
    } catch (err) {
      if (!(err instanceof JobRejection)) throw err;
      return { status: "error", code: err.code, message: err.message };
    }
    return stored
      ? { status: "ok" }
      : {
          status: "error",
          code: "NOT_FOUND",
          message: `no history job ${request.id}`,
        };
  }
}
