/**
 * Retries an assertion until it passes or `timeoutMs` runs out, then throws its last failure. For
 * effects that follow an event asynchronously (a notification after the answer), never for timing.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
