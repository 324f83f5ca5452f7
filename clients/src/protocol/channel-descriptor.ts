/** What the spec's `x-tradewire` extension says about a channel; codegen emits one per route. */
export interface ChannelDescriptor<R extends string = string> {
  readonly route: R;
  /** The backend module that serves the channel. */
  readonly module: string;
  /**
   * When set, a slow socket may skip intermediate updates: only the newest pending update per
   * topic (and per value of `key` in the payload, when given) is delivered once it drains.
   */
  readonly conflate: { readonly key: string | null } | null;
  /** The server sends the current state as updates right after a successful subscribe. */
  readonly snapshot: boolean;
  /** The topic belongs to the connection's account, taken from its token. */
  readonly accountScoped: boolean;
  /** Event channel with replay: `param` of the request is a cursor compared with `field` of updates. */
  readonly cursor: { readonly param: string; readonly field: string } | null;
  /** Defaults of the request's top-level properties, applied before the topic is built. */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly requestSchema: string;
  readonly dataSchema: string;
  /**
   * Requests the channel takes besides subscribe and unsubscribe (`x-tradewire.actions`), by name:
   * the frame types of the request and its answer, and the request's schema.
   */
  readonly actions: Readonly<
    Record<
      string,
      {
        readonly request: string;
        readonly response: string;
        readonly requestSchema: string;
      }
    >
  >;
  readonly types: {
    readonly subscribe: string;
    readonly subscribeResponse: string;
    readonly unsubscribe: string;
    readonly unsubscribeResponse: string;
    readonly update: string;
  };
}
