export {
  generate,
  OUTPUTS,
  type GeneratedFiles,
  type GenerateOptions,
} from "./generate";
export { staleFiles, writeFiles } from "./output";
export { SpecError, type SpecProblem } from "./spec-error";
