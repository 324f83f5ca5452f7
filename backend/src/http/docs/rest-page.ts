import { docsPage } from "./html";

/** `/docs/rest`: Swagger UI over the bundled OpenAPI document; its scripts are files of ours. */
export function renderRestPage(): string {
  return docsPage({
    title: "Tradewire REST API",
    stylesheets: ["/docs/assets/swagger-ui.css"],
    scripts: ["/docs/assets/swagger-ui-bundle.js", "/docs/assets/rest-init.js"],
    body: `<div id="swagger-ui" data-spec-url="/api/v1/openapi.json"></div>`,
  });
}

/**
 * Starts Swagger UI: served as a file because the CSP allows no inline script. No validator badge
 * (it would call validator.swagger.io), and "Try it out" calls this same origin.
 */
export const REST_INIT_SCRIPT = `"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    displayOperationId: true,
    tryItOutEnabled: false,
    withCredentials: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
`;
