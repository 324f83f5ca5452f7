import { createPinia } from "pinia";
import { createApp } from "vue";
import App from "./App.vue";
import { browserConfig } from "./config";
import { BACKEND } from "./services/injection";
import { createBackend } from "./terminal";
import { applySavedTheme } from "./components/layout/useTheme";
import "./styles/theme.css";

applySavedTheme();
const app = createApp(App);
app.use(createPinia());
app.provide(BACKEND, createBackend(browserConfig(window.location)));
app.mount("#app");
