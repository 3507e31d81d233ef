// `/papers language [tag|auto|off]`: the language this channel's TL;DRs are written in by the language model.
import { UserError } from "../../errors.js";
import { describeLanguage, LANGUAGE_AUTO, LANGUAGE_OFF, parseLanguageSetting } from "../../llm/language.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";

const NO_MODEL =
  "No language model is configured on this paperbot, so TL;DRs stay in English until an operator sets PAPERBOT_LLM_URL (README, Using a language model).";

function describeSetting(setting: string | undefined): string {
  if (!setting || setting === LANGUAGE_OFF) return "English, the extractive TL;DR (no language model)";
  if (setting === LANGUAGE_AUTO) return "the workspace's language where the platform tells it, else English";
  return describeLanguage(setting);
}

export async function languageCommand(context: CommandContext, args: string): Promise<Reply> {
  const { store, settings, llm, now } = context.deps;
  const current = store.channelSettings(context.channel)?.language;
  const wanted = args.trim().split(/\s+/)[0] ?? "";
  if (wanted === "") {
    const lines = [
      `TL;DRs in this channel: ${describeSetting(current)}.`,
      "Change it with `/papers language de` (any BCP 47 tag), `auto` or `off`.",
    ];
    if (!llm) lines.push(NO_MODEL);
    return { text: lines.join("\n"), visibility: "private" };
  }
  const language = parseLanguageSetting(wanted);
  if (settings.digest.whoMayChange === "admins" && !context.actor.isAdmin) {
    throw new UserError(
      "not-allowed",
      "Only workspace admins can change this channel's language.",
      "Ask an admin, or see `/papers language`.",
    );
  }
  await store.putChannelSettings({
    channel: context.channel,
    language,
    updatedBy: context.actor.userId,
    updatedAt: now().toISOString(),
  });
  const lines = [`TL;DRs in this channel: ${describeSetting(language)}.`];
  if (language !== LANGUAGE_OFF) {
    if (llm)
      lines.push(
        "A language model writes them once per paper; if it fails, the English extractive TL;DR is shown.",
      );
    else lines.push(NO_MODEL);
  }
  return { text: lines.join("\n"), visibility: "channel" };
}
