// One structured logger (pino, to stderr) with secrets redacted; components take child loggers.
import { pino } from "pino";

export type Logger = pino.Logger;

/** What a credential looks like, so the log can hide it: by field name, and in free text. */
export interface SecretPatterns {
  /** Field names whose values are secrets; redacted at the top level and one level down. */
  readonly fields: readonly string[];
  /** Credentials as they appear inside text (an error message, a stack), and what replaces them. */
  readonly text: readonly { readonly find: RegExp; readonly replace: string }[];
}

/** The core's own secrets (the language model's API key, HTTP authorization); platforms add theirs. */
export const CORE_SECRET_PATTERNS: SecretPatterns = {
  fields: ["token", "authorization", "apiKey", 'headers["x-api-key"]', "headers.authorization"],
  text: [
    // OpenAI-style API keys (sk-…, sk-proj-…), e.g. in a model server's error message.
    { find: /\bsk-[A-Za-z0-9_-]{16,}/g, replace: "sk-[redacted]" },
    { find: /(Bearer)\s+[A-Za-z0-9._-]{20,}/g, replace: "$1 [redacted]" },
  ],
};

/** Removes anything that looks like a credential from free text: the core's, and the given platforms'. */
export function scrubSecrets(text: string, platforms: readonly SecretPatterns[] = []): string {
  let scrubbed = text;
  for (const patterns of [CORE_SECRET_PATTERNS, ...platforms])
    for (const { find, replace } of patterns.text) scrubbed = scrubbed.replace(find, replace);
  return scrubbed;
}

/** pino redact paths for the fields of every pattern set, at the top level and one level down. */
function redactPaths(platforms: readonly SecretPatterns[]): string[] {
  const fields = new Set([CORE_SECRET_PATTERNS, ...platforms].flatMap((patterns) => patterns.fields));
  return [...fields].flatMap((field) => [field, `*.${field}`]);
}

export interface LoggerOptions {
  level?: string;
  destination?: pino.DestinationStream;
  /** The running platforms' credential shapes (adapters/platforms.ts), redacted beside the core's. */
  secretPatterns?: readonly SecretPatterns[];
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const platforms = options.secretPatterns ?? [];
  const scrub = (text: string) => scrubSecrets(text, platforms);
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: redactPaths(platforms), censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (error: Error) => ({
          type: error.name,
          message: scrub(error.message),
          stack: scrub(error.stack ?? ""),
        }),
      },
    },
    options.destination ?? pino.destination(2),
  );
}
