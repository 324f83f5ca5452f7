import type { ChannelDescriptor } from "@tradewire/client";
import type { RequestValidator, UpdateSerializer } from "./codecs";
import type { WsRouteService } from "./ws-route-service";

export interface WsRouterOptions {
  /** Tag for logs and metrics; defaults to the route. */
  readonly label?: string;
}

/**
 * The generic core of one channel. Generated subclasses pin the channel descriptor, the request
 * validator and the update serializer, so a router can only be built with a service of the
 * channel's own request and data types.
 */
export class WsRouter<Req, Data> {
  readonly route: string;

  constructor(
    readonly channel: ChannelDescriptor,
    readonly service: WsRouteService<Req, Data>,
    readonly validateRequest: RequestValidator<Req>,
    readonly serializeUpdate: UpdateSerializer<Data>,
    readonly options: WsRouterOptions = {},
  ) {
    this.route = channel.route;
  }
}
