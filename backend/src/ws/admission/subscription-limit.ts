/**
 * WS_MAX_SUBSCRIPTIONS: a socket's subscriptions, counting those still waiting for their
 * topic to be created, stay within `max`. Returns the refusal's message, or null when there is room.
 */
export function subscriptionLimitReached(
  held: number,
  pending: number,
  max: number,
): string | null {
  return held + pending >= max
    ? `a socket may hold at most ${max} subscriptions`
    : null;
}
