/** The docs pages' own styles, served as a file: the CSP allows no inline style. */
export const DOCS_STYLESHEET = `body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1f2328; background: #fff; }
.docs-nav { display: flex; gap: 1.5rem; align-items: center; padding: 0.75rem 1.5rem; background: #131722; color: #fff; }
.docs-nav a { color: #9db2ff; text-decoration: none; }
.docs-main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 small { font-size: 0.6em; color: #656d76; }
code { font: 13px/1.4 ui-monospace, monospace; background: #f3f4f6; padding: 0 0.2em; border-radius: 3px; }
pre { background: #131722; color: #e6edf3; padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; }
pre code { background: none; color: inherit; padding: 0; white-space: pre; }
.caption { margin: 1rem 0 0.25rem; font-weight: 600; }
.muted { color: #656d76; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
table.flags { width: auto; }
.channel { border-top: 1px solid #d0d7de; margin-top: 2rem; }
.messages { padding-left: 1.2rem; }
.toc { columns: 4; }
.cards li { margin: 0.5rem 0; }
`;
