import type { ChannelDescriptor } from "@tradewire/client";
import type { WsConnection } from "../connection/connection";
import type { Replier } from "../replies/replier";
import type { ActionOutcome, RequestId } from "../replies/replies";
import type { RequestValidator } from "../wire/codecs";

export type { ActionOutcome } from "../replies/replies";

/** Who sent an action: the socket's account (null when it has no token). */
export interface ActionCaller {
  readonly accountId: string | null;
}

/** One action of a router: its payload checked against the spec, then handed to the service. */
export interface ActionBinding {
  run(caller: ActionCaller, payload: unknown): Promise<ActionOutcome>;
}

/** Bind a generated validator to the service's typed handler (generated routers call this). */
export function bindAction<Req>(
  validate: RequestValidator<Req>,
  handle: (
    caller: ActionCaller,
    request: Req,
  ) => ActionOutcome | Promise<ActionOutcome>,
): ActionBinding {
  return {
    async run(caller, payload) {
      const checked = validate(payload);
      if (!checked.ok)
        return {
          status: "error",
          code: "INVALID_PARAMS",
          message: `invalid request: payload${checked.message}`,
        };
      return handle(caller, checked.value);
    },
  };
}

export type ActionBindings = Readonly<Record<string, ActionBinding>>;

/**
 * A channel's actions (`<route>.<action>`): refused with UNAUTHORIZED on an account channel
 * without an account, else validated and run by the service; answered
 * `<route>.<action>.response` either way.
 */
export class ChannelActions {
  constructor(
    private readonly channel: ChannelDescriptor,
    private readonly bindings: ActionBindings,
    private readonly host: () => { readonly replies: Replier },
  ) {}

  has(action: string): boolean {
    return Object.hasOwn(this.bindings, action);
  }

  async run(
    conn: WsConnection,
    action: string,
    payload: unknown,
    id: RequestId,
  ): Promise<void> {
    const binding = this.bindings[action];
    const type = this.channel.actions[action]?.response;
    if (!binding || !type) return;
    const { replies } = this.host();
    if (this.channel.accountScoped && conn.accountId === null) {
      replies.action(conn, type, id, {
        status: "error",
        code: "UNAUTHORIZED",
        message: "this channel belongs to an account: connect with a token",
      });
      return;
    }
    const outcome = await binding.run({ accountId: conn.accountId }, payload);
    if (conn.open) replies.action(conn, type, id, outcome);
  }
}
