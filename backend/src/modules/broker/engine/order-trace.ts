/**
 * What an order's log lines carry so that `grep <requestId>` tells its story: the REST request
 * acting on it now, else the one that placed it (a fill on a later quote acts for no request).
 */
export interface OrderTrace {
  readonly orderId: string;
  readonly requestId?: string;
  /** The request that placed the order, when another one (a modify, a cancel) acts on it now. */
  readonly placedBy?: string;
}

export function orderTrace(
  orderId: string,
  placedBy: string | undefined,
  actingFor: string | undefined,
): OrderTrace {
  const requestId = actingFor ?? placedBy;
  return {
    orderId,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(placedBy !== undefined && placedBy !== requestId ? { placedBy } : {}),
  };
}
