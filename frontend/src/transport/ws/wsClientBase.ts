import {
  TradewireClient,
  type ConnectionState,
  type StateListener,
  type TradewireClientOptions,
} from "@tradewire/client";

/** Something whose connection state the terminal can show. */
export interface ConnectionSource {
  readonly state: ConnectionState;
  /** Hears the current state at once, then every change; returns the function that stops it. */
  onState(listener: StateListener): () => void;
}

/** The URLs a client dials, as one key: the same list shares one connection. */
function keyOf(options: TradewireClientOptions): string {
  return (options.urls ?? [options.url]).join(" ");
}

/**
 * One client core (`TradewireClient`) per socket URL (or list of URLs to fail over between),
 * shared by everything that talks to it. The core owns the protocol: reference-counted topics, subscribe confirmation, backoff,
 * resubscribe and heartbeat; this class only decides when the socket exists.
 */
export class WsClientBase implements ConnectionSource {
  private static readonly shared = new Map<string, WsClientBase>();

  /** The connection for `options.url(s)`, connecting on first use; every call must be released. */
  static acquire(options: TradewireClientOptions): WsClientBase {
    const key = keyOf(options);
    let base = WsClientBase.shared.get(key);
    if (!base) {
      base = new WsClientBase(options);
      WsClientBase.shared.set(key, base);
      base.client.connect();
    }
    base.references += 1;
    return base;
  }

  /** How many URLs have a live connection; for tests and diagnostics. */
  static get openCount(): number {
    return WsClientBase.shared.size;
  }

  readonly client: TradewireClient;
  private references = 0;

  private constructor(private readonly options: TradewireClientOptions) {
    this.client = new TradewireClient(options);
  }

  private get key(): string {
    return keyOf(this.options);
  }

  get state(): ConnectionState {
    return this.client.state;
  }

  onState(listener: StateListener): () => void {
    return this.client.onState(listener);
  }

  /** Drops one reference; the last one closes the socket for good (a logout, a page teardown). */
  async release(): Promise<void> {
    if (this.references === 0) return;
    this.references -= 1;
    if (this.references > 0) return;
    if (WsClientBase.shared.get(this.key) === this)
      WsClientBase.shared.delete(this.key);
    await this.client.close();
  }
}
