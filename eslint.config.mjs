// ESLint for the site's own scripts (make lint). They are ES modules (mkdocs.yml's
// extra_javascript and the templates load them with type="module"); search-worker.js runs
// as a module Web Worker, so the worker's globals are allowed beside the browser's.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.worker },
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
];
