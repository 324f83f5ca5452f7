import { wireTable } from "../report/wire-report";
import type { Timing } from "../harness/point";
import type { CleanPolicy } from "./clean-point";
import { FANOUT_SHAPES } from "./fanout";
import {
  COMPRESSION_VARIANTS,
  ENCODING_VARIANTS,
  runWireVariants,
  type WireVariantResult,
} from "./wire-variants";

export interface WireBenchResults {
  encoding: WireVariantResult | null;
  compression: WireVariantResult | null;
}

/** The quotes-like fan-out shape: 1,000 sockets x 20 of 100 topics. */
const SHAPE = FANOUT_SHAPES[1] as (typeof FANOUT_SHAPES)[number];

/** `--only=encoding` and `--only=compression`, each printed as one table with its ratios. */
export async function runWireBench(
  wants: (name: string) => boolean,
  options: {
    rates: readonly number[];
    repeats: number;
    timing: Timing;
    clean: CleanPolicy;
  },
  io: {
    section: (title: string) => void;
    print: (text: string) => void;
    log: (line: string) => void;
  },
): Promise<WireBenchResults> {
  const results: WireBenchResults = { encoding: null, compression: null };
  if (wants("encoding")) {
    io.section("Encoding: MessagePack vs JSON");
    results.encoding = await runWireVariants(
      ENCODING_VARIANTS,
      SHAPE,
      options,
      io.log,
    );
    io.print(
      wireTable(
        `Encoding: ${SHAPE.label}; bytes/delivery = bytes the clients read per update received (frame header included)`,
        ENCODING_VARIANTS,
        results.encoding,
        options.rates,
        [
          ["tw-msgpack", "tw-json"],
          ["tw-msgpack", "raw-ws"],
          ["tw-msgpack", "socketio"],
          ["tw-json", "raw-ws"],
          ["tw-json", "socketio"],
        ],
      ),
    );
  }
  if (wants("compression")) {
    io.section("Compression: permessage-deflate");
    results.compression = await runWireVariants(
      COMPRESSION_VARIANTS,
      SHAPE,
      options,
      io.log,
    );
    io.print(
      wireTable(
        `Compression: ${SHAPE.label}; deflate servers run with WS_DEFLATE=on and its default limits, their clients offer the extension and inflate every message`,
        COMPRESSION_VARIANTS,
        results.compression,
        options.rates,
        [
          ["tw-json-deflate", "tw-json"],
          ["tw-msgpack-deflate", "tw-msgpack"],
          ["tw-msgpack-deflate", "tw-json"],
          ["tw-json-deflate", "raw-ws"],
          ["tw-json-deflate", "socketio"],
        ],
      ),
    );
  }
  return results;
}
