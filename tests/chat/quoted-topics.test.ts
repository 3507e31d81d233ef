// `digest on` with a quoted phrase: one topic, matched only where a paper has its words in a row.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quotedWords } from "../../src/chat/commands/quoted-words.js";
import { channelHighlights } from "../../src/digest/compose.js";
import { seededCore } from "../helpers/core.js";
import { answer } from "./chat-helpers.js";

const word = fc.stringMatching(/^[a-z0-9:\-_]{1,8}$/).filter((w) => w !== "-");

describe("quoted words", () => {
  it("splits on spaces and keeps a quoted phrase (straight or curly) as one", () => {
    expect(quotedWords('09:00 "speculative decoding"  moe')).toEqual([
      "09:00",
      "speculative decoding",
      "moe",
    ]);
    expect(quotedWords("on “speculative   decoding” -“computer vision”")).toEqual([
      "on",
      "speculative decoding",
      "-computer vision",
    ]);
    expect(quotedWords('on "open ended')).toEqual(["on", "open ended"]);
    expect(quotedWords('on "" 5"')).toEqual(["on", '5"']);
  });

  it("gives plain words back as they were, for any words", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.constantFrom(" ", "  ", "\t"), (words, gap) => {
        expect(quotedWords(words.join(gap))).toEqual(words);
      }),
    );
  });

  it("keeps any quoted run of words as one phrase, with single spaces", () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 3 }),
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.array(word, { maxLength: 3 }),
        (before, phrase, after) => {
          const text = [...before, `"${phrase.join("   ")}"`, ...after].join(" ");
          expect(quotedWords(text)).toEqual([...before, phrase.join(" "), ...after]);
        },
      ),
    );
  });

  it("never yields an empty word, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        for (const w of quotedWords(text)) expect(w.trim().length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("digest on with a quoted phrase", () => {
  it("keeps the phrase as one topic and matches it only where the words are in a row", async () => {
    const core = await seededCore();
    const text = await answer(core.bot, 'digest on 09:00 UTC "speculative decoding"');
    expect(text).toContain('topics: "speculative decoding"');
    const channel = "slack:TA:C1";
    expect(core.store.subscription(channel)?.topics).toEqual(["speculative decoding"]);
    const all = channelHighlights(core.deps, { workspace: "slack:TA", channel, size: 200 }, core.deps.now());
    const onTopic = all.filter((h) => h.reasons.some((r) => r.includes("speculative decoding")));
    expect(onTopic.length).toBeGreaterThan(0);
    for (const h of onTopic) {
      expect(`${h.paper.title} ${h.paper.abstract} ${(h.paper.keyphrases ?? []).join(" ")}`).toMatch(
        /speculative decoding/i,
      );
    }
    // Papers that say "decoding" without "speculative" before it are not matched.
    const merelyDecoding = all.filter(
      (h) =>
        /decoding/i.test(h.paper.abstract) &&
        !/speculative decoding/i.test(`${h.paper.title} ${h.paper.abstract}`),
    );
    expect(merelyDecoding.length).toBeGreaterThan(0);
    for (const h of merelyDecoding)
      expect(h.reasons.join(" ")).not.toContain("matches this channel's topics");
    // Leading the list: the paper on the phrase.
    expect(all[0]?.reasons.join(" ")).toContain("speculative decoding");
  });
});
