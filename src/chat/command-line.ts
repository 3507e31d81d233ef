// Splits `/papers …` text into a command name and its arguments, with the limits a chat command needs.
import { UserError } from "../errors.js";

/** Longer than any real query; anything past this is pasted by mistake or hostile. */
export const MAX_COMMAND_CHARS = 1_000;

export interface CommandLine {
  name: string;
  args: string;
}

/** Control characters and lone surrogates become spaces, so nothing downstream sees them. */
export function sanitizeCommandText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, " ")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, " ")
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
  );
}

export function splitCommandLine(raw: string, names: ReadonlySet<string>): CommandLine {
  if (raw.length > MAX_COMMAND_CHARS) {
    throw new UserError(
      "command-too-long",
      `That command is ${raw.length.toLocaleString("en-US")} characters long; paperbot reads up to ${MAX_COMMAND_CHARS.toLocaleString("en-US")}.`,
      "Try a few words, e.g. `/papers search local sgd`.",
    );
  }
  const text = sanitizeCommandText(raw).replace(/\s+/g, " ").trim();
  if (text === "") return { name: "help", args: "" };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  const first = (match?.[1] ?? "").toLowerCase();
  const rest = (match?.[2] ?? "").trim();
  if (names.has(first)) return { name: first, args: rest };
  // Anything else is a search: `/papers local sgd` is `/papers search local sgd`.
  return { name: "search", args: text };
}
