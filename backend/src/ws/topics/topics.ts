import { buildTopic, type ChannelDescriptor } from "@tradewire/client";

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
  const keyed: Record<string, unknown> = { ...params };
  if (channel.cursor) delete keyed[channel.cursor.param];
  if (channel.accountScoped) keyed.accountId = accountId;
  return buildTopic(
    channel.route,
    keyed,
    channel.cursor ? {} : channel.defaults,
  );
}
