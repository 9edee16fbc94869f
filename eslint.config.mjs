// ESLint over the app, the local host, the CLI and the tests: the rules that catch defects the
// type check cannot (a promise nobody awaits loses its error; an unused name is dead code or a typo).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', 'dist/**', '.tools/**', 'coverage/**', 'test/fixtures/**'] },
  {
    files: ['src/**/*.ts', 'local/**/*.ts', 'test/**/*.ts', 'test/**/*.tsx', 'scripts/**/*.ts'],
    ignores: ['local/page/**'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['test/planted/*.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'error',
      'no-var': 'error',
    },
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
);
