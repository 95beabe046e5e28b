import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-vsix/**', 'node_modules/**', 'out/**', '.vscode-test/**', 'test/testdata/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension may import vscode.' }] }],
    },
  },
  {
    files: ['src/extension/**', 'test/exthost/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'core is pure.' },
          { name: 'node:child_process', message: 'core is pure: run processes in src/probe.' },
          { name: 'node:fs', message: 'core is pure: read files in src/probe.' },
          { name: 'node:fs/promises', message: 'core is pure: read files in src/probe.' },
          { name: 'execa', message: 'core is pure: run processes in src/probe.' },
        ],
        patterns: [{ group: ['../probe/*', '../../probe/*', '../cli/*', '../server/*', '../extension/*', '../watchdog/*'], message: 'core imports nothing of ours outside core.' }],
      }],
    },
  },
);
