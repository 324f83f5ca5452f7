import { readFileSync } from "node:fs";
import type { QuoteData } from "@tradewire/client";
import { serveBench } from "../servers/serve-bench";
import { TradewireServer } from "../servers/tradewire";
import { RecordedQuotesService, type PublishForm } from "./recorded-quotes";

/**
 * Entry of a delta-scenario server: `delta-main.ts <full|delta> <recording.json>`, the real
 * Tradewire server publishing the recorded quote stream whole or as deltas.
 */
const form = process.argv[2] as PublishForm;
const streams = JSON.parse(
  readFileSync(process.argv[3] as string, "utf8"),
) as QuoteData["v"][][];

await serveBench(new TradewireServer(new RecordedQuotesService(form, streams)));
