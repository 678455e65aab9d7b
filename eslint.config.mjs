import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier';

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
    },
  },
  {
    // The browser's layer: components reach the server only over HTTP, and of lib/ import only
    // the browser-safe modules (the contract's schemas and types, formatting, input bounds).
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/lib/**',
                '!@/lib/api-schemas',
                '!@/lib/api-types',
                '!@/lib/format',
                '!@/lib/limits',
                '!@/lib/pow-bits',
              ],
              message:
                'Components import only the browser-safe lib modules (api-schemas, api-types, format, limits, pow-bits); the rest is server code.',
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
