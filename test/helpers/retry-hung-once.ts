// The time-skipping layer runs a failed test once more, printing why the first try failed. Twice on
// 2026-12-02 one of its tests hung until the 120 s timeout (recorded-scenarios, then a P6 deadline case
// in plan-scenarios); each passed when run again, alone and in other runs: the server had stopped
// skipping time for that one test. Until the cause is found, a second try keeps one such hang from
// failing the whole run; a test that fails twice still fails, and the first failure stays in the log.
jest.retryTimes(1, { logErrorsBeforeRetry: true });
