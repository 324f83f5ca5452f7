import type { FastifyInstance } from "fastify";
import { authenticate } from "../../auth/request-auth";
import { HttpError } from "../../http/error-handlers";
import { restRoute } from "../../http/rest-route";
import { DRAWING_POINTS } from "./limits";
import type { Drawing } from "./model";
import type { WorkspaceRouteDeps } from "./routes-deps";
import { listedSymbol } from "./symbols";

/** What the schema cannot say: each kind's number of points, and ids unique within the chart. */
function checkDrawings(drawings: readonly Drawing[]): void {
  const ids = new Set<string>();
  drawings.forEach((drawing, i) => {
    const points = DRAWING_POINTS[drawing.kind];
    if (drawing.points.length !== points)
      throw new HttpError(
        400,
        "INVALID_PARAMS",
        `drawings.${i}: a ${drawing.kind} line has exactly ${points} point${points === 1 ? "" : "s"}`,
        "drawings",
      );
    if (ids.has(drawing.id))
      throw new HttpError(
        400,
        "INVALID_PARAMS",
        `drawings.${i}: the id ${drawing.id} is used twice`,
        "drawings",
      );
    ids.add(drawing.id);
  });
}

/** `/api/v1/drawings/{symbol}`: per user and symbol (as the datafeed spells it), replaced whole. */
export function registerDrawingRoutes(
  app: FastifyInstance,
  { auth, clock, market, drawings }: WorkspaceRouteDeps,
): void {
  restRoute(app, "getDrawings", async ({ request, params }) => {
    const { userId } = await authenticate(request, auth);
    const symbol = listedSymbol(market, params.symbol, "symbol");
    return {
      status: 200,
      body: { drawings: await drawings.get(userId, symbol) },
    };
  });

  restRoute(app, "replaceDrawings", async ({ request, params, body }) => {
    const { userId } = await authenticate(request, auth);
    const symbol = listedSymbol(market, params.symbol, "symbol");
    checkDrawings(body.drawings);
    await drawings.replace(userId, symbol, body.drawings, clock.now());
    return { status: 200, body: { drawings: body.drawings } };
  });
}
