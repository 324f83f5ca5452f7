import type { RouteHandler, RouterHost } from "../router/router-host";

/** The gateway's routers by route, each registered once and lent the gateway as its host. */
export class RouteTable {
  readonly byRoute = new Map<string, RouteHandler>();

  register(router: RouteHandler, host: RouterHost): void {
    if (this.byRoute.has(router.route))
      throw new Error(`route ${router.route} is registered twice`);
    router.attach(host);
    this.byRoute.set(router.route, router);
  }

  get routes(): string[] {
    return [...this.byRoute.keys()];
  }

  get topicCount(): number {
    let n = 0;
    for (const r of this.byRoute.values()) n += r.topicCount;
    return n;
  }

  get subscriptionCount(): number {
    let n = 0;
    for (const r of this.byRoute.values()) n += r.subscriptionCount;
    return n;
  }

  /** Shutdown: every router removes every topic. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.byRoute.values()].map((r) => r.closeAll()));
  }
}
