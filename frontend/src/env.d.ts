/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `1`/`all`: every transport simulated in the browser; `broker`: only auth and the broker. */
  readonly VITE_SIMULATION?: string;
  /** The earlier name of `VITE_SIMULATION`, still read when that one is not set. */
  readonly VITE_WS_FALLBACK?: string;
  /** Comma-separated socket URLs to fail over between; the page's own when unset. */
  readonly VITE_WS_URLS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

// Lets plain `tsc` (ESLint's type information) read `.vue` imports; vue-tsc resolves the real files.
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
