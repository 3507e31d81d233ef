// One structured logger (pino, to stderr) with secrets redacted; components take child loggers.
import { pino } from "pino";

export type Logger = pino.Logger;

const REDACT = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "clientSecret",
  "authorization",
  "apiKey",
  "*.apiKey",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.clientSecret",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "apiKey",
  "*.apiKey",
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
];

/** Removes anything that looks like a Slack or Discord credential from free text. */
export function scrubSecrets(text: string): string {
  return (
    text
      .replace(/xox[abposr]-[A-Za-z0-9-]+/g, "xox?-[redacted]")
      .replace(/xapp-[A-Za-z0-9-]+/g, "xapp-[redacted]")
      // OpenAI-style API keys (sk-…, sk-proj-…), e.g. in a model server's error message.
      .replace(/\bsk-[A-Za-z0-9_-]{16,}/g, "sk-[redacted]")
      .replace(/(Bot|Bearer)\s+[A-Za-z0-9._-]{20,}/g, "$1 [redacted]")
      .replace(/[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}/g, "[redacted-discord-token]")
  );
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: REDACT, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (error: Error) => ({
          type: error.name,
          message: scrubSecrets(error.message),
          stack: scrubSecrets(error.stack ?? ""),
        }),
      },
    },
    options.destination ?? pino.destination(2),
  );
}
