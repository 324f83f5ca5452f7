import { CloseCode } from "../generated/models.js";
import { callListener } from "./errors.js";

/** Where the client is connected, or about to dial: the URL and the instance its pong named. */
export interface Endpoint {
  readonly url: string;
  /** The server instance that answered the latest ping there; unknown until its first pong. */
  readonly instance?: string;
}

/** What a socket reports when it died without a close frame; no server sends it. */
const ABNORMAL_CLOSURE = 1006;

export type EndpointListener = (endpoint: Endpoint) => void;

/** What to do after a socket was lost: which URL comes next and whether to dial it at once. */
export interface NextDial {
  readonly moved: boolean;
  /** Skip the backoff: the first move away from an instance that announced it is going away. */
  readonly immediate: boolean;
}

/**
 * The URLs a client fails over between, round robin. It moves on when an instance goes away
 * (1012, or 1001 from a proxy), when a dial fails and when an open socket dies without a close frame (network errors,
 * a silent peer); other close codes (say 4000, a slow consumer) are about this client, not the
 * instance, so it stays. Only the first move after a 1012 may skip the backoff, and only once
 * until a connection is proven healthy, so instances that all close at once are not hammered.
 */
export class Endpoints {
  private index = 0;
  private instance: string | undefined;
  private quickMoveSpent = false;
  private readonly listeners = new Set<EndpointListener>();

  constructor(private readonly urls: readonly string[]) {}

  get current(): Endpoint {
    const url = this.urls[this.index] ?? "";
    return this.instance === undefined
      ? { url }
      : { url, instance: this.instance };
  }

  /** Hears every change of URL or instance (not the current one). */
  onChange(listener: EndpointListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A socket was lost; `opened` says whether it ever opened. Moves to the next URL when due. */
  afterLoss(code: number | undefined, opened: boolean): NextDial {
    const restart = code === CloseCode.ServiceRestart;
    const goingAway = restart || code === CloseCode.GoingAway;
    const networkError = code === undefined || code === ABNORMAL_CLOSURE;
    if (this.urls.length < 2 || !(goingAway || networkError || !opened))
      return { moved: false, immediate: false };
    this.index = (this.index + 1) % this.urls.length;
    // The instance belongs to the URL left behind.
    this.instance = undefined;
    this.changed();
    const immediate = restart && !this.quickMoveSpent;
    if (immediate) this.quickMoveSpent = true;
    return { moved: true, immediate };
  }

  /** The connection answered a ping: the next 1012 may move at once again. */
  healthy(): void {
    this.quickMoveSpent = false;
  }

  /** The instance named in a pong; true when it is news. */
  named(instance: string): boolean {
    if (instance === this.instance) return false;
    this.instance = instance;
    this.changed();
    return true;
  }

  private changed(): void {
    const endpoint = this.current;
    for (const listener of [...this.listeners])
      callListener(() => listener(endpoint));
  }
}
