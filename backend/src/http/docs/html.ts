/** Text from the specs goes into the pages through these: nothing in a spec is trusted as markup. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Escaped text with the specs' one piece of markdown, `code` spans, kept as code. */
export function inlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** Paragraphs split on blank lines, as the specs' folded descriptions write them. */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${inlineMarkdown(p.replace(/\s*\n\s*/g, " "))}</p>`)
    .join("\n");
}

/** A block a reader copies as is. */
export function codeBlock(code: string, label?: string): string {
  const caption = label ? `<p class="caption">${escapeHtml(label)}</p>` : "";
  return `${caption}<pre><code>${escapeHtml(code)}</code></pre>`;
}

export const DOCS_NAV = [
  { href: "/docs", label: "Overview" },
  { href: "/docs/rest", label: "REST API" },
  { href: "/docs/ws", label: "WebSocket API" },
] as const;

export interface DocsPageParts {
  readonly title: string;
  readonly body: string;
  /** Extra stylesheets and scripts, all served by this server (the CSP allows nothing else). */
  readonly stylesheets?: readonly string[];
  readonly scripts?: readonly string[];
}

/** The frame every docs page shares: same-origin assets only, no inline script or style. */
export function docsPage(parts: DocsPageParts): string {
  const links = [...(parts.stylesheets ?? []), "/docs/assets/docs.css"]
    .map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`)
    .join("\n");
  const scripts = (parts.scripts ?? [])
    .map((src) => `<script src="${escapeHtml(src)}"></script>`)
    .join("\n");
  const nav = DOCS_NAV.map(
    (item) => `<a href="${item.href}">${escapeHtml(item.label)}</a>`,
  ).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<link rel="icon" href="/docs/assets/favicon.png" type="image/png">
${links}
</head>
<body>
<nav class="docs-nav"><strong>Tradewire</strong>
${nav}
</nav>
<main class="docs-main">
${parts.body}
</main>
${scripts}
</body>
</html>
`;
}
