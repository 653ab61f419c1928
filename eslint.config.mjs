// ESLint flat config: typescript-eslint for all TypeScript, plus the house rule that
// src/core (plain Node, reused by the CLI) never imports the editor.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core, src/shared and the CLI run in plain Node: pass host services in through a port instead.' }],
        patterns: [{ group: ['**/vscode/**', '../vscode', '../../vscode'], message: 'core must not depend on the editor glue.' }],
      }],
    },
  },
  {
    files: ['src/webviews/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/**', '**/vscode/**', 'vscode'], message: 'webviews run in the browser: talk to the extension through src/shared/protocol.' }] }],
    },
  },
);
