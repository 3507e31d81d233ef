// `/papers help`: every command with an example, generated from the command table.
import { COMMAND_SPECS } from "../command-specs.js";
import type { CommandSpec, Reply } from "../port.js";

export function helpText(saveEmojis: readonly string[], intro?: string): string {
  const lines = [
    intro ?? "paperbot brings research papers into this channel. Commands:",
    ...COMMAND_SPECS.map((spec: CommandSpec) => {
      const notes = spec.notes ? ` ${spec.notes}` : "";
      return `• /papers ${spec.usage}\n    ${spec.summary}${notes} e.g. /papers ${spec.examples[0]}`;
    }),
    `Save a paper I post by reacting with ${saveEmojis.map((e) => `:${e}:`).join(" or ")} (or 1️⃣–🔟 on a list), or press its Save button; remove the reaction to un-save.`,
    "Anything else after /papers is a search: /papers local sgd",
  ];
  return lines.join("\n");
}

export function helpCommand(saveEmojis: readonly string[]): Reply {
  return { text: helpText(saveEmojis), visibility: "private" };
}
