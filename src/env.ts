// Reading named variables out of an environment object (config.ts hands over the process's; tests their own).
import { UserError } from "./errors.js";

/** Environment variables by name, as config.ts read them (the process's, or a test's). */
export type Env = Record<string, string | undefined>;

/** The variable's value with surrounding space removed; unset, empty or blank is undefined. */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Refuses a half-set group of variables, naming the ones missing and how to fix it. */
export function requireVariables(env: Env, present: string, needed: readonly string[]): void {
  const missing = needed.filter((name) => !nonEmpty(env[name]));
  if (missing.length > 0) {
    throw new UserError(
      "config-missing",
      `${present} is set but ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not.`,
      `Set ${missing.join(" and ")} in the environment or in .env (see config/.env.example), or unset ${present} to run without it.`,
    );
  }
}
