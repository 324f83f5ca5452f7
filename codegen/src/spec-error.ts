/** A problem in a spec file, located precisely enough for an editor jump. */
export interface SpecProblem {
  file: string;
  /** JSON path inside the document, e.g. `operations.barsUpdate.action`. */
  path: string;
  reason: string;
  /** 1-based line in `file`, when the parser reports one. */
  line?: number;
}

export class SpecError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "SpecError";
  }
}

export function formatProblem(p: SpecProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `${where}: at ${p.path || "(root)"}: ${p.reason}`;
}

export function jsonPath(segments: readonly (string | number)[]): string {
  return segments
    .map((s, i) =>
      typeof s === "number"
        ? `[${s}]`
        : /^[A-Za-z_$][\w$-]*$/.test(s)
          ? i
            ? `.${s}`
            : s
          : `[${JSON.stringify(s)}]`,
    )
    .join("");
}
