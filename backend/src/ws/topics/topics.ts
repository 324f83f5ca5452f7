import { channelTopic, type ChannelDescriptor } from "@tradewire/client";

/**
 * The topic a validated request belongs to. A cursor param (`since`) selects what to replay, not
 * what to stream, so it is not part of the topic; on account-scoped channels the account from the
 * token is, so two accounts never share a topic.
 */
export function topicFor(
  channel: Pick<
    ChannelDescriptor,
    "route" | "defaults" | "accountScoped" | "cursor"
  >,
  params: object,
  accountId: string | null,
): string {
  return channelTopic(channel, params, accountId);
}
