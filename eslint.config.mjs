import js from "@eslint/js";
import tseslint from "typescript-eslint";

const noVscode = {
  "no-restricted-imports": [
    "error",
    { paths: [{ name: "vscode", message: "The engine, the CLI and the webview must not depend on VS Code." }] },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "lab/.state/", ".cache/", "schemas/", "test-results/", "**/*.js", "**/*.mjs", "lab/python/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-console": "off",
    },
  },
  { files: ["src/engine/**/*.ts", "src/cli/**/*.ts", "webview/**/*.ts", "lab/**/*.ts"], rules: noVscode },
);
