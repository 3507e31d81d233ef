// Test helpers: the recorded-shape live-source fixtures and a fixed read context.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const FIXTURES_DIR = resolve(import.meta.dirname, "../../fixtures/live");
export const SEEN_AT = "2024-06-18T08:30:00.000Z";
export const AS_OF = "2024-06-18";

export function readFixture(name: string): string {
  return readFileSync(resolve(FIXTURES_DIR, name), "utf8");
}

export function contextFor(ref: string): { ref: string; asOf: string; seenAt: string } {
  return { ref, asOf: AS_OF, seenAt: SEEN_AT };
}
