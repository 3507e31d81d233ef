// `/papers language [tag|auto|off]`: the language this channel's TL;DRs are written in by the language model.
import { UserError } from "../../errors.js";
import {
  describeLanguage,
  LANGUAGE_AUTO,
  LANGUAGE_OFF,
  parseLanguageSetting,
  resolveLanguage,
} from "../../llm/language.js";
import type { ChannelSettings } from "../../store/records.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";

const NO_MODEL =
  "No language model is configured on this paperbot, so TL;DRs stay in English until an operator sets PAPERBOT_LLM_URL (README, Using a language model).";

function describeSetting(setting: Pick<ChannelSettings, "language" | "autoLocale"> | undefined): string {
  const language = setting?.language;
  if (!language || language === LANGUAGE_OFF) return "English, the extractive TL;DR (no language model)";
  if (language !== LANGUAGE_AUTO) return describeLanguage(language);
  const resolved = resolveLanguage(language, setting?.autoLocale);
  if (resolved) return `auto: the language this workspace uses, ${describeLanguage(resolved)}`;
  if (setting?.autoLocale) return "auto: the language this workspace uses, English (the extractive TL;DR)";
  return "auto, but the platform did not say which language this workspace uses (Slack tells only a person's, when it does), so English; pick one with `/papers language de`";
}

/** The locale `auto` stands for here: the server's where the platform gives one (Discord), else the person's (Slack users.info). */
function localeOf(context: CommandContext): string | undefined {
  return context.place.locale ?? context.actor.locale;
}

export async function languageCommand(context: CommandContext, args: string): Promise<Reply> {
  const { store, settings, llm, now } = context.deps;
  const current = store.channelSettings(context.channel);
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
  const locale = language === LANGUAGE_AUTO ? localeOf(context) : undefined;
  const setting: ChannelSettings = {
    channel: context.channel,
    language,
    ...(locale ? { autoLocale: locale } : {}),
    updatedBy: context.actor.userId,
    updatedAt: now().toISOString(),
  };
  await store.putChannelSettings(setting);
  const lines = [`TL;DRs in this channel: ${describeSetting(setting)}.`];
  if (language !== LANGUAGE_OFF) {
    if (llm)
      lines.push(
        "A language model writes them once per paper; if it fails, the English extractive TL;DR is shown.",
      );
    else lines.push(NO_MODEL);
  }
  return { text: lines.join("\n"), visibility: "channel" };
}
