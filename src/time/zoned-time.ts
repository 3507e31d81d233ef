// Wall-clock time in a time zone, with Intl only: local days, and the instant a local HH:MM happens (DST-safe).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** ISO day, YYYY-MM-DD. */
  day: string;
  /** HH:MM, 24-hour. */
  time: string;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function parts(instant: number, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) out[part.type] = part.value;
  return out;
}

export function localTime(instant: Date | number, timeZone: string): LocalTime {
  const p = parts(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which `day` `time` happens in `timeZone`. On a fall-back day an ambiguous time is
 * its first occurrence; on a spring-forward day a time inside the gap moves forward by the gap, so
 * a daily event neither vanishes nor doubles.
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  const DAY = 86_400_000;
  const offsets = new Set([
    offsetAt(wall - DAY, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + DAY, timeZone),
  ]);
  const candidates = [...offsets].map((offset) => wall - offset);
  const exact = candidates.filter((c) => {
    const local = localTime(c, timeZone);
    return local.day === day && local.time === time;
  });
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
}

/** The ISO day before or after `day`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
