import type { ESLint } from "eslint";

/** The `tradewire` ESLint plugin of eslint-boundaries.js (its rule `boundaries`). */
declare const plugin: ESLint.Plugin;
export default plugin;
