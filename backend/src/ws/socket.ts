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

/**
 * One update's text frame, encoded once for every socket it goes to and written to each as it
 * is: the fan-out loop does no per-socket encoding and allocates nothing of its own.
 */
export interface PreparedFrame {
  write(socket: CoreSocket): void;
}

/** How the transport prepares a text frame once for many sockets; its adapter may provide one. */
export interface FrameEncoder {
  prepare(text: Buffer): PreparedFrame;
}

class TextFrame implements PreparedFrame {
  constructor(private readonly text: Buffer) {}

  write(socket: CoreSocket): void {
    socket.send(this.text, TEXT_FRAME);
  }
}

/** The default: the text is kept and each socket's `send` frames it. */
export const textFrames: FrameEncoder = {
  prepare: (text) => new TextFrame(text),
};
