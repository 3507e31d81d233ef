// Language settings typed in chat: any BCP 47 tag ICU knows, auto or off; everything else a clear UserError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { describeLanguage, parseLanguageSetting, resolveLanguage } from "../../src/llm/language.js";

const runs = Number(process.env.FUZZ_RUNS ?? 300);

describe("language settings", () => {
  it("canonicalizes tags, and keeps auto and off", () => {
    expect(parseLanguageSetting("de")).toBe("de");
    expect(parseLanguageSetting(" pt-br ")).toBe("pt-BR");
    expect(parseLanguageSetting("zh-hant-tw")).toBe("zh-Hant-TW");
    expect(parseLanguageSetting("AUTO")).toBe("auto");
    expect(parseLanguageSetting("Off")).toBe("off");
    expect(describeLanguage("pt-BR")).toBe("Brazilian Portuguese (pt-BR)");
  });

  it("refuses malformed tags and well-formed ones that name no language, saying what to type", () => {
    for (const bad of ["", "english", "de_DE!", "x", "123", "de-".repeat(20), "<!channel>"]) {
      const error = (() => {
        try {
          parseLanguageSetting(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe("bad-language");
      expect((error as UserError).hint).toMatch(/BCP 47/);
    }
  });

  it("either refuses text with a UserError or returns a setting that parses to itself", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("de", "fr-CA", "sr-Latn", "auto", "off")), (text) => {
        let parsed: string;
        try {
          parsed = parseLanguageSetting(text);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          return;
        }
        expect(parseLanguageSetting(parsed)).toBe(parsed);
        expect(parsed.length).toBeLessThanOrEqual(35);
      }),
      { numRuns: runs },
    );
  });

  it("resolves off and no setting to the extractive TL;DR, auto to the workspace's locale unless English or unknown", () => {
    expect(resolveLanguage(undefined)).toBeUndefined();
    expect(resolveLanguage("off")).toBeUndefined();
    expect(resolveLanguage("de")).toBe("de");
    expect(resolveLanguage("en")).toBe("en");
    expect(resolveLanguage("auto")).toBeUndefined();
    expect(resolveLanguage("auto", "ja-JP")).toBe("ja-JP");
    expect(resolveLanguage("auto", "en-GB")).toBeUndefined();
    expect(resolveLanguage("auto", "not a locale")).toBeUndefined();
  });
});
