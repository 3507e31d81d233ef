// Dates as listings write them ("Oct 28, 2024", "Oct 3"): yearless ones belong to the latest such day not after a reference.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export interface ListingDate {
  month: number; // 1-12
  day: number;
  year?: number;
}

export const MONTH_PATTERN = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)";

export function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

/** A valid calendar day, as ISO YYYY-MM-DD, or undefined (e.g. Feb 30). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * The ISO day a listing date means. A date with a year is itself; a yearless one is the latest such
 * day that is not after `reference` (ISO). Undefined for an impossible day.
 */
export function resolveListingDate(date: ListingDate, reference: string): string | undefined {
  if (date.year !== undefined) return isoDate(date.year, date.month, date.day);
  const refYear = Number(reference.slice(0, 4));
  // Feb 29 may need to go back up to 8 years to find a leap year that exists.
  for (let year = refYear; year >= refYear - 8; year--) {
    const iso = isoDate(year, date.month, date.day);
    if (iso !== undefined && iso <= reference) return iso;
  }
  return undefined;
}

/** Today's date in UTC as ISO, the default reference for yearless dates. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
