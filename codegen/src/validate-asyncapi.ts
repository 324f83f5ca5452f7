import { Parser, fromFile, DiagnosticSeverity } from "@asyncapi/parser";
import type { AsyncAPIDocumentInterface } from "@asyncapi/parser";
import { SpecError, jsonPath } from "./spec-error";

/** Parse and validate with the official parser; any diagnostic of severity error stops the build. */
export async function parseAsyncApi(
  file: string,
): Promise<AsyncAPIDocumentInterface> {
  const parser = new Parser();
  const { document, diagnostics } = await fromFile(parser, file).parse();
  // Spectral's severity enum is not the parser's re-export; 0 is "error" in both.
  const errors = diagnostics.filter(
    (d) => (d.severity as number) === (DiagnosticSeverity.Error as number),
  );
  if (errors.length > 0 || !document) {
    throw new SpecError(
      (errors.length ? errors : diagnostics).map((d) => ({
        file: d.source ?? file,
        path: jsonPath(d.path),
        line: d.range.start.line + 1,
        reason: `${d.message} (${String(d.code)})`,
      })),
    );
  }
  return document;
}
