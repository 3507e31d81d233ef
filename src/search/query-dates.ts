// Reads the dates of since: and until:, which people write as a day, a month or a year.
import { UserError } from "../errors.js";

const DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * The ISO day a bound means: since:2024 is 2024-01-01, until:2024 is 2024-12-31, and a month
 * likewise its first or last day, so "until:2024-05" keeps everything in May.
 */
export function parseDateBound(key: "since" | "until", value: string): string {
  const match = DATE.exec(value.trim());
  const year = Number(match?.[1]);
  const month = match?.[2] === undefined ? undefined : Number(match[2]);
  const day = match?.[3] === undefined ? undefined : Number(match[3]);
  const valid =
    match !== null &&
    year >= 1900 &&
    year <= 2999 &&
    (month === undefined || (month >= 1 && month <= 12)) &&
    (day === undefined || (month !== undefined && day >= 1 && day <= daysInMonth(year, month)));
  if (!valid) {
    throw new UserError(
      "bad-date",
      `I can't read "${key}:${value.slice(0, 40)}" as a date.`,
      `Write the day as ${key}:2024-03-31, a month as ${key}:2024-03, or a year as ${key}:2024.`,
    );
  }
  const isStart = key === "since";
  const m = month ?? (isStart ? 1 : 12);
  const d = day ?? (isStart ? 1 : daysInMonth(year, m));
  return `${year}-${pad(m)}-${pad(d)}`;
}
