import js from "@eslint/js";
import tseslint from "typescript-eslint";
import boundaries from "./eslint-boundaries.js";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/generated/**",
      "**/*-generated/**",
      "**/coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "no-console": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Who may import whom (core, modules, workspaces, package entries): see eslint-boundaries.js.
    files: ["**/*.ts", "**/*.js"],
    plugins: { tradewire: boundaries },
    rules: { "tradewire/boundaries": "error" },
  },
  {
    files: [
      "**/cli.ts",
      "**/test/**",
      "**/*.test.ts",
      "bench/**",
      "scripts/**",
      "**/examples/**",
    ],
    rules: { "no-console": "off" },
  },
);
