// A channel's TL;DR language: parsing what a person types, naming it, and resolving `auto`.
import { UserError } from "../errors.js";

export const LANGUAGE_OFF = "off";
export const LANGUAGE_AUTO = "auto";
/** Longer than any real tag with a region and script; anything longer is pasted by mistake. */
const MAX_TAG_CHARS = 35;

const displayNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** The English name of a language tag ("pt-BR" → "Brazilian Portuguese"), or undefined when unknown. */
export function languageName(tag: string): string | undefined {
  try {
    return displayNames.of(tag);
  } catch {
    return undefined;
  }
}

/**
 * The canonical form of a language setting: "off", "auto", or a BCP 47 tag that names a known
 * language (`pt-br` → `pt-BR`). Anything else is a UserError saying what to type.
 */
export function parseLanguageSetting(input: string): string {
  const text = input.trim();
  const lower = text.toLowerCase();
  if (lower === LANGUAGE_OFF || lower === LANGUAGE_AUTO) return lower;
  let canonical: string | undefined;
  if (text.length > 0 && text.length <= MAX_TAG_CHARS) {
    try {
      canonical = Intl.getCanonicalLocales(text)[0];
    } catch {
      canonical = undefined;
    }
  }
  // Well-formed is not enough ("english" is a well-formed tag): the language must be one ICU knows.
  if (!canonical || !languageName(canonical)) {
    throw new UserError(
      "bad-language",
      `"${text.slice(0, 40)}" is not a language tag I know.`,
      "Use a BCP 47 tag such as `de`, `fr`, `ja` or `pt-BR`, or `auto` (the workspace's language) or `off` (English, no model).",
    );
  }
  return canonical;
}

/**
 * The language to write model TL;DRs in for a channel setting, or undefined for the English extractive
 * TL;DR: "off" and no setting mean none; "auto" means the workspace's locale where the platform gives
 * one, and English (so the extractive TL;DR) where it does not.
 */
export function resolveLanguage(setting: string | undefined, workspaceLocale?: string): string | undefined {
  if (!setting || setting === LANGUAGE_OFF) return undefined;
  if (setting !== LANGUAGE_AUTO) return setting;
  if (!workspaceLocale) return undefined;
  try {
    const tag = Intl.getCanonicalLocales(workspaceLocale)[0];
    return tag && !/^en\b/i.test(tag) && languageName(tag) ? tag : undefined;
  } catch {
    return undefined;
  }
}

/** "German (de)", for replies. */
export function describeLanguage(tag: string): string {
  return `${languageName(tag) ?? tag} (${tag})`;
}
