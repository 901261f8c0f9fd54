import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.tools/',
      'data/',
      '.reports/',
      'generated/',
      'eslint.config.mjs',
      'jest.config.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // Cycles: a module in a value cycle sees the other's exports as undefined while both load, and which
    // one wins depends on who was imported first. Type-only imports are erased at compile time, so a
    // cycle through them costs nothing at run time and import-x does not follow them. It skips files of
    // extensions it is not told about (finding nothing, silently), hence the setting; packages cannot
    // lead back into the project, so it does not walk them (which keeps lint time as it was).
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The purity fence. Every module the workflow bundle may load is replayed inside Temporal's sandbox,
    // so it may import only the workflow SDK and other fenced modules. Modules that load zod at run time
    // are named *-schema (the plan format, the input kit): the API validates with them, while the fenced
    // code takes zod types only (an input contract is handed the kit as an argument), because zod's
    // runtime would bloat every cached workflow. Activities, storage and the rest come in as types
    // (through proxyActivities). The fence is at any depth; test/unit/purity-fence.test.ts proves it and
    // test/workflow/workflow-bundle.test.ts checks what the bundle really holds.
    files: ['workflows/**/*.ts', 'engine/**/*.ts', 'inputs/**/*.ts', 'domain/**/*.ts'],
    // Tests beside an input are not bundled; they build contracts with the kit and read the file system.
    ignores: ['inputs/input-schema.ts', 'domain/*-schema.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not deterministic.' })),
          patterns: [
            { regex: '^node:', message: 'Node built-ins are not deterministic.' },
            {
              regex: '^@temporalio/(?!(workflow|common)(/|$))',
              message: 'Workflow code imports only @temporalio/workflow and @temporalio/common.',
            },
            {
              regex: '^zod(/|$)',
              allowTypeImports: true,
              message: 'zod types only: its runtime stays in *-schema modules, out of every cached workflow.',
            },
            {
              regex: '(^|/)[^/]*-schema(\\.[cm]?[jt]s)?$',
              allowTypeImports: true,
              message: 'A *-schema module loads zod at run time: workflow code takes its types only.',
            },
            {
              regex:
                '^(\\.\\./)+(activities|api|config|links|notifications|plans|scripts|storage|worker)(/|$)',
              allowTypeImports: true,
              message:
                'Not pure: workflow code takes these as types only (activities through proxyActivities).',
            },
            {
              regex: '^(@prisma/|prisma$|express$)',
              allowTypeImports: true,
              message: 'Not pure: workflow code takes these as types only.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflow code never reads the environment.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'inputs/**/*.test.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
