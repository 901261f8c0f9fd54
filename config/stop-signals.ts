/**
 * SIGINT and SIGTERM as an orchestrator (or Ctrl-C) sends them: the first asks the process to finish
 * what it has in hand and stop, within `graceMs`; the same signal again, or the grace running out, stops
 * it at once. The other signal meanwhile changes nothing: Ctrl-C reaches every process of the terminal's
 * group with SIGINT, and the supervisor (`npm start`) then forwards SIGTERM for the same stop.
 * `finish` resolves once everything is let go.
 */
export function stopOnSignals(name: string, graceMs: number, finish: () => Promise<void>): void {
  let asked: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (asked === signal) {
      console.error(`${name}: ${signal} again: stopping at once`);
      process.exit(1);
    }
    if (asked) return;
    asked = signal;
    console.log(
      `${name}: ${signal}: finishing what is in hand (up to ${graceMs / 1000} s); send it again to stop at once`,
    );
    setTimeout(() => {
      console.error(`${name}: not finished after ${graceMs / 1000} s; stopping`);
      process.exit(1);
    }, graceMs).unref();
    finish().then(
      () => {
        console.log(`${name}: stopped`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error(`${name}: stopping failed:`, err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
