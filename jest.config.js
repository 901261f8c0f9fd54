// Five layers, one run, one summary. Each layer is a jest project so `npm test` reports them together
// and `npm run test:<layer>` can run one alone.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const layer = (name, extra = {}, besideSource = []) => ({
  displayName: name,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`, ...besideSource],
  transform,
  testEnvironment: 'node',
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // An input's rules are proved by the test in its own folder.
    layer('unit', {}, ['<rootDir>/inputs/**/*.test.ts']),
    layer('workflow', {
      setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/retry-hung-once.ts'],
    }),
    layer('integration', { setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts'] }),
    layer('replay', { setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts'] }),
    layer('e2e'),
  ],
  testTimeout: 120_000,
  // On two cores jest runs the files in band, in its own process: a handle left open by a test that
  // failed (a native worker polling a stopped server, say) would keep the finished run from exiting until
  // CI's limit. The failure is reported either way; the helpers stop what they started.
  forceExit: true,
};
