const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds in an ISO-8601 duration of days, hours, minutes and seconds (the plan format's subset). */
export function durationMs(iso: string): number {
  const match = ISO_DURATION.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) {
    throw new RangeError(`not an ISO-8601 duration of days, hours, minutes and seconds: ${iso}`);
  }
  const [, d, h, m, s] = match;
  const part = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  return (((part(d) * 24 + part(h)) * 60 + part(m)) * 60 + part(s)) * 1000;
}
