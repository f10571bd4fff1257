// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// The simulation core must stay pure: no DOM, no React, no store, no wall clock, no ambient randomness.
// These bans are what keep the same scenario giving the same trace in the page, a Worker, Node and tests.
const pureCoreImports = {
  patterns: [
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/sim is pure: no React.' },
    { group: ['zustand', 'zustand/*'], message: 'src/sim is pure: no UI store.' },
    {
      group: ['d3', 'd3-selection', 'd3-transition', 'd3-timer', 'd3-drag', 'd3-zoom', 'd3-brush'],
      message: 'src/sim is pure: no D3 module that touches the DOM or the clock.',
    },
    {
      group: ['**/ui/**', '**/diagram/**', '../ui', '../diagram'],
      message: 'Imports point one way: ui → diagram → sim.',
    },
  ],
};
const pureCoreGlobals = [
  { name: 'Date', message: 'Use the virtual clock (src/sim/time).' },
  { name: 'performance', message: 'Use the virtual clock (src/sim/time).' },
  { name: 'setTimeout', message: 'Model waiting as a delayed event on the virtual clock.' },
  { name: 'setInterval', message: 'Model waiting as a delayed event on the virtual clock.' },
  { name: 'requestAnimationFrame', message: 'The core has no frames.' },
  { name: 'window', message: 'The core has no DOM.' },
  { name: 'document', message: 'The core has no DOM.' },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'reports', 'test-results', 'playwright-report', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/diagram/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/sim/**/*.ts', 'src/scenario/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', pureCoreImports],
      'no-restricted-globals': ['error', ...pureCoreGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded random source (src/sim/time/random.ts).',
        },
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
