import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layers import one way: domain → machines → engine/storage → board/stages → app.
// Pure layers must run in Node without a DOM, so they may not reach React, Dexie or the UI.
const uiModules = [
  'react',
  'react-dom',
  'react-dom/*',
  '@xyflow/react',
  'react-router',
  'react-hook-form',
  '@xstate/react',
  'dexie-react-hooks',
];
const restrict = (patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: patterns.map((pattern) => ({
        group: [pattern],
        message:
          'This layer may not import that: keep domain → machines → engine → board/stages → app one-way.',
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test/fixtures', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/domain/**'],
    rules: restrict([
      ...uiModules,
      'xstate',
      'dexie',
      '**/machines/**',
      '**/engine/**',
      '**/storage/**',
      '**/board/**',
      '**/stages/**',
      '**/app/**',
      '**/i18n/**',
    ]),
  },
  {
    files: ['machines/**'],
    rules: restrict([
      ...uiModules,
      'dexie',
      '**/engine/**',
      '**/storage/**',
      '**/board/**',
      '**/stages/**',
      '**/app/**',
    ]),
  },
  {
    files: ['src/storage/**', 'src/engine/**'],
    rules: restrict([...uiModules, '**/board/**', '**/stages/**', '**/app/**']),
  },
  { files: ['src/board/**', 'src/stages/**', 'src/workspace/**'], rules: restrict(['**/app/**']) },
  { files: ['src/workspace/**'], rules: restrict(['**/app/**', '**/board/**', '**/stages/**']) },
  {
    files: ['src/i18n/**'],
    rules: restrict(['**/board/**', '**/stages/**', '**/app/**', 'dexie', 'xstate']),
  },
);
