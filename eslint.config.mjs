// Type-checked linting; the engine/editor boundary is a lint rule, not a convention.
import tseslint from 'typescript-eslint';

/**
 * Front ends reach the engine through its public entries only (`src/engine/index.ts`, and
 * `src/engine/editor-support/index.ts` for editor surfaces), so that its inside can move freely. Tests may
 * import internals.
 */
const ENGINE_INTERNALS = {
  group: ['**/engine/**', '!**/engine/editor-support', '!**/engine/editor-support/index'],
  message: "Import from the engine's public entry ('../engine' or '../engine/editor-support'), not its internals.",
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', '.e2e/**', '.bench/**'] },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // The engine runs in Node, browsers and web workers: no editor API, no file system, no process.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'vscode',
            'fs',
            'node:fs',
            'path',
            'node:path',
            'child_process',
            'node:child_process',
            'os',
            'node:os',
          ],
          patterns: ['node:*', '**/extension/**', '**/cli/**'],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require'],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode'], patterns: [{ group: ['**/extension/**'] }, ENGINE_INTERNALS] },
      ],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**'] }, ENGINE_INTERNALS] }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
