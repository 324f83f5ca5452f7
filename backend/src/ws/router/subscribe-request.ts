import type { ChannelDescriptor, ErrorCode } from "@tradewire/client";
import { topicFor } from "../topics/topics";
import type { RequestValidator } from "../wire/codecs";

export type SubscribeRequest<Req> =
  | { readonly ok: true; readonly params: Req; readonly topicId: string }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/**
 * A subscribe or unsubscribe payload read against its channel: valid params, and a token when the
 * channel belongs to an account. The topic comes from the params and the token's account.
 */
export function readSubscribeRequest<Req>(
  channel: ChannelDescriptor,
  validate: RequestValidator<Req>,
  payload: unknown,
  accountId: string | null,
): SubscribeRequest<Req> {
  const checked = validate(payload);
  if (!checked.ok)
    return {
      ok: false,
      code: "INVALID_PARAMS",
      message: `invalid ${channel.route} request: payload${checked.message}`,
    };
  if (channel.accountScoped && accountId === null)
    return {
      ok: false,
      code: "UNAUTHORIZED",
      message: `${channel.route} belongs to an account: connect with a token`,
    };
  return {
    ok: true,
    params: checked.value,
    topicId: topicFor(channel, checked.value as object, accountId),
  };
}

/** The replay cursor a cursor channel's request carries (`since`), if any. */
export function cursorOf(
  channel: Pick<ChannelDescriptor, "cursor">,
  params: unknown,
): number | undefined {
  const cursor = channel.cursor;
  if (!cursor) return undefined;
  const value = (params as Record<string, unknown>)[cursor.param];
  return typeof value === "number" ? value : undefined;
}
