import { analyticsModule } from "./modules/analytics";
import { authModule } from "./modules/auth";
import { brokerModule } from "./modules/broker";
import { datafeedModule, type DatafeedModuleOptions } from "./modules/datafeed";
import type { ModuleComposition } from "./modules/module";
import { workspaceModule } from "./modules/workspace";

/** The datafeed alone: the market, its history, UDF REST and the `bars` and `quotes` channels. */
export function datafeedModules(
  options: DatafeedModuleOptions = {},
): ModuleComposition {
  return (ctx) => [datafeedModule(ctx, options)];
}

/**
 * What `make dev` runs: the datafeed (with history jobs for the accounts auth owns), auth, the
 * broker trading on the datafeed's market, analytics (indicators and alerts) on its bars, and the
 * traders' workspaces (settings, watchlists, drawings).
 */
export function tradingModules(
  options: DatafeedModuleOptions = {},
): ModuleComposition {
  return (ctx) => {
    const auth = authModule(ctx);
    const datafeed = datafeedModule(ctx, {
      ...options,
      jobs: { accounts: auth.service },
    });
    const broker = brokerModule(ctx, {
      market: datafeed.service,
      accounts: auth.service,
    });
    const analytics = analyticsModule(ctx, {
      bars: datafeed.service,
      market: datafeed.service,
      accounts: auth.service,
    });
    const workspace = workspaceModule(ctx, { market: datafeed.service });
    return [datafeed, auth, broker, analytics, workspace];
  };
}
