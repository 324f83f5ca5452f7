/**
 * The part of a WebSocket the router core uses. `ws`'s WebSocket satisfies it; the core knows
 * nothing else about the transport.
 */
export interface CoreSocket {
  readonly bufferedAmount: number;
  send(data: string | Buffer, options: { binary: boolean }): void;
  close(code: number, reason: string): void;
  terminate(): void;
  ping(): void;
}

export const TEXT_FRAME = { binary: false } as const;
