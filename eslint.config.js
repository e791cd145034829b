import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Node built-ins in workflow code would break determinism (and the workflow bundle): workflows get time,
// randomness and I/O only through the Temporal SDK and activities.
/** The application's folders, bottom (domain) to top; a fence names the ones a layer may not import. */
const layers = [
  'domain',
  'workflows',
  'activities',
  'db',
  'infra',
  'services',
  'reports',
  'audit',
  'api',
  'workers',
  'scripts',
  'bench',
  'test',
];
const layersBut = (...allowed) =>
  layers.filter((l) => !allowed.includes(l)).flatMap((l) => [`../${l}/*`, `../../${l}/*`]);

/**
 * Files of api/ that still hold SQL or workflow calls (issue 11 moves them into services/); each leaves this list when
 * it is thin, and the list goes when it is empty.
 */
const apiFilesStillToThin = [];

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.tools/', 'coverage/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Terse callbacks like `(m) => console.log(m)` read better than their braced form.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Fastify plugins and handlers are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [
            { name, message: 'Workflow code must be deterministic: no Node built-ins (use activities).' },
            {
              name: `node:${name}`,
              message: 'Workflow code must be deterministic: no Node built-ins (use activities).',
            },
          ]),
          patterns: [
            { group: ['node:*'], message: 'Workflow code must be deterministic: no Node built-ins.' },
            {
              group: layersBut('domain', 'workflows', 'activities'),
              message: 'workflows/ imports only domain/ and the types of activities/.',
            },
            {
              group: ['kysely', 'pg'],
              message: 'Workflow code reaches the database only through activities.',
            },
          ],
        },
      ],
      // Activities run outside the sandbox: a workflow knows only their types.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../activities/*'],
              allowTypeImports: true,
              message: 'Import only the types of activities into workflow code (proxyActivities).',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure rules: no Temporal, no PostgreSQL, no Node. The workflow and the auditor's replay run them.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...nodeBuiltins], message: 'domain/ is pure: no Node built-ins.' },
            {
              group: ['@temporalio/*', 'kysely', 'pg', '../db/*', '../../db/*'],
              message: 'domain/ is pure: no Temporal or database.',
            },
            {
              group: layersBut('domain'),
              message: 'domain/ imports nothing of the rest of the application: the rules are at the bottom.',
            },
          ],
        },
      ],
    },
  },
  {
    // The use cases sit under the API, the command line and the workers, and above the rules and the stores: they
    // never reach up, and activities call them rather than the other way round.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['api', 'workers', 'scripts', 'audit', 'activities', 'bench', 'test'].flatMap((l) => [
                `../${l}/*`,
                `../../${l}/*`,
              ]),
              message: 'services/ imports domain/, db/, infra/, reports/ and the types of workflows/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes declare schemas, call one use case and map its answer: the database, activities and workflows are
    // reached through services/. `api/main.ts` is an entry point (it connects) and may.
    files: ['api/**/*.ts'],
    ignores: ['api/main.ts', ...apiFilesStillToThin],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kysely', 'pg', '@temporalio/client', '@temporalio/common'],
              message: 'api/ reaches PostgreSQL and Temporal only through services/.',
            },
            {
              group: [
                '../db/*',
                '../../db/*',
                '../activities/*',
                '../../activities/*',
                '../workflows/*',
                '../../workflows/*',
              ],
              message: 'api/ imports services/, domain/ and infra/ only: no db/, activities/ or workflows/.',
            },
          ],
        },
      ],
      // SQL written through a handle the route was given (deps.db.selectFrom…) imports nothing: caught by its calls.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|transaction|executeQuery)$/]',
          message: 'api/ holds no SQL: put the query in a service.',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(executeUpdate|startWorkflow|signalWithStart|getHandle)$/]',
          message: 'api/ makes no workflow calls: put them in a service.',
        },
      ],
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    // The catalogue and the formatting module are loaded by the browser as they are, and imported by every layer, the
    // rules included: they import nothing.
    files: ['messages/**/*.js'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration',
          message: 'messages/ imports nothing: the page and every layer load it.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { console: 'readonly', process: 'readonly', globalThis: 'readonly' } },
  },
  {
    // The web page runs in the browser, as plain ES modules in folders (pages/, components/): linted without types,
    // like every other .js file (the project service's default project takes only a few loose files).
    files: ['web/**/*.js'],
    languageOptions: { globals: globals.browser, parserOptions: { projectService: false } },
  },
  prettier,
);
