// A line typed at the console → what it asks for: a /papers command, or one of the console's own `:` controls. Pure.
import { emojiName } from "../../src/chat/port.js";

export type ConsoleInput =
  | { kind: "blank" }
  | { kind: "quit" }
  | { kind: "help" }
  | { kind: "user"; name: string }
  /** `:react N EMOJI` / `:unreact N EMOJI`; `number` and `emoji` as typed (checked against what was shown). */
  | {
      kind: "reaction";
      added: boolean;
      control: string;
      number: string | undefined;
      emoji: string | undefined;
    }
  | { kind: "press"; number: string | undefined }
  | { kind: "unknown-control"; control: string }
  /** What the core parses: the line without a leading `/papers`. */
  | { kind: "command"; text: string };

export function lineToInput(raw: string): ConsoleInput {
  const line = raw.trim();
  if (line === "") return { kind: "blank" };
  const [word = "", ...rest] = line.split(/\s+/);
  switch (word) {
    case ":quit":
    case ":exit":
      return { kind: "quit" };
    case ":help":
      return { kind: "help" };
    case ":user":
      return { kind: "user", name: rest[0] ?? "you" };
    case ":react":
    case ":unreact":
      return {
        kind: "reaction",
        added: word === ":react",
        control: word,
        number: rest[0],
        emoji: rest[1] === undefined ? undefined : emojiName(rest[1]),
      };
    case ":press":
      return { kind: "press", number: rest[0] };
    default:
      if (word.startsWith(":")) return { kind: "unknown-control", control: word };
      return { kind: "command", text: line.replace(/^\/papers\b\s*/, "") };
  }
}
