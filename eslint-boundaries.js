// The import boundaries `make lint` enforces (rule `tradewire/boundaries`, enabled in
// eslint.config.js). Relative imports are resolved to the file they reach, so a rule holds
// whatever the depth of the importing file; `@tradewire/*` imports are checked by package entry.
import { posix, relative, sep } from "node:path";

const ROOT = import.meta.dirname;

/** Workspace folder -> package name. */
const PACKAGES = {
  backend: "@tradewire/backend",
  bench: "@tradewire/bench",
  clients: "@tradewire/client",
  codegen: "@tradewire/codegen",
  frontend: "@tradewire/frontend",
  "smoke-tests": "@tradewire/smoke-tests",
};
const WORKSPACE_OF_PACKAGE = Object.fromEntries(
  Object.entries(PACKAGES).map(([folder, name]) => [name, folder]),
);

const CORE = "backend/src/ws/";

const workspaceOf = (path) =>
  Object.keys(PACKAGES).find((w) => path.startsWith(`${w}/`)) ?? null;
const moduleOf = (path) =>
  /^backend\/src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;
const isCoreEntry = (path) =>
  path === "backend/src/ws" || /^backend\/src\/ws\/index(\.[jt]s)?$/.test(path);

/** Where `specifier`, imported from `from`, leads: a repo file, a package entry, or elsewhere. */
function target(from, specifier) {
  if (specifier === "." || specifier === ".." || /^\.\.?\//.test(specifier))
    return {
      path: posix.normalize(posix.join(posix.dirname(from), specifier)),
    };
  const match = /^(@tradewire\/[^/]+)(?:\/(.*))?$/.exec(specifier);
  if (match && WORKSPACE_OF_PACKAGE[match[1]])
    return {
      name: match[1],
      workspace: WORKSPACE_OF_PACKAGE[match[1]],
      subpath: match[2] ?? "",
    };
  return null;
}

/** The boundary `from` crosses by importing `to`, as a message; null when it crosses none. */
function violation(from, to) {
  if (to.workspace) {
    if (to.subpath === "src" || to.subpath.startsWith("src/"))
      return `import ${to.name} through its package exports, not its sources`;
    if (to.workspace !== "backend") return null;
    if (from.startsWith("clients/"))
      return "the client package never imports the backend";
    if (from.startsWith("codegen/"))
      return "codegen never imports the backend (it writes the core's entry '../ws' as text)";
    if (from.startsWith("frontend/src/"))
      return "the terminal never imports the backend";
    if (from.startsWith("frontend/") && to.subpath !== "testing")
      return "frontend tests use the backend through @tradewire/backend/testing only";
    return null;
  }
  const fromWorkspace = workspaceOf(from);
  const toWorkspace = workspaceOf(to.path);
  if (fromWorkspace && toWorkspace && fromWorkspace !== toWorkspace) {
    if (fromWorkspace === "frontend" && toWorkspace === "backend")
      return "the frontend never imports backend sources (tests: @tradewire/backend/testing)";
    if (fromWorkspace === "clients" && toWorkspace === "backend")
      return "the client package never imports the backend";
    if (fromWorkspace === "codegen" && to.path.startsWith(CORE))
      return "codegen never imports the realtime core";
    return `import ${toWorkspace} through its package (${PACKAGES[toWorkspace]}), not by relative path`;
  }
  if (from.startsWith(CORE) && to.path.startsWith("backend/src/modules/"))
    return "the realtime core (backend/src/ws) never imports a module";
  const fromModule = moduleOf(from);
  const toModule = moduleOf(to.path);
  if (fromModule && toModule && fromModule !== toModule)
    return `module '${fromModule}' imports module '${toModule}': modules never import each other (shared types go in backend/src/contracts/, services arrive as typed arguments)`;
  // The core's own tests (backend/test/ws) may reach its rooms; everyone else uses the entry.
  if (
    to.path.startsWith(CORE) &&
    !isCoreEntry(to.path) &&
    !from.startsWith(CORE) &&
    !from.startsWith("backend/test/ws/")
  )
    return "import the realtime core through its entry (backend/src/ws/index.ts), not its files";
  return null;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Tradewire's import boundaries" },
    schema: [],
  },
  create(context) {
    const from = relative(ROOT, context.filename).split(sep).join("/");
    if (from.startsWith("..")) return {};
    const check = (node, source) => {
      if (source?.type !== "Literal" || typeof source.value !== "string")
        return;
      const to = target(from, source.value);
      const message = to && violation(from, to);
      if (message)
        context.report({
          node,
          message: `${message} ('${source.value}')`,
        });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { boundaries: rule } };
