import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

// The backend the dev server proxies to; the built app is served by the backend itself.
const backend = process.env.TRADEWIRE_BACKEND_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [vue()],
  resolve: {
    // msgpackr's browser build probes `new Function` at load, which the terminal's
    // Content-Security-Policy (no 'unsafe-eval') reports as a violation; its no-eval build
    // decodes the same MessagePack without generated code.
    alias: [{ find: /^msgpackr$/, replacement: "msgpackr/index-no-eval" }],
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: {
      // `ws: true` forwards the WebSocket upgrade of /api/v1/ws; cookies pass through untouched.
      "/api": { target: backend, ws: true },
      "/health": { target: backend },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
});
