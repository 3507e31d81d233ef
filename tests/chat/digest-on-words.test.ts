import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDigestOn } from "../../src/chat/commands/digest-settings.js";
import { isUserError } from "../../src/errors.js";
import { seededCore } from "../helpers/core.js";
import { answer } from "./chat-helpers.js";

function refusal(words: string[]) {
  try {
    parseDigestOn(words);
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error(`${words.join(" ")} was accepted`);
}

describe("digest on: which word is the time zone", () => {
  it("takes a city, in any case, as its zone and not as a topic", () => {
    expect(parseDigestOn(["09:00", "berlin"])).toEqual({
      time: "09:00",
      timeZone: "Europe/Berlin",
      topics: [],
      excluded: [],
    });
    expect(parseDigestOn(["Tokyo", "merging"]).timeZone).toBe("Asia/Tokyo");
    expect(parseDigestOn(["new_york"]).timeZone).toBe("America/New_York");
    expect(parseDigestOn(["europe/berlin"]).timeZone).toBe("Europe/Berlin");
    expect(parseDigestOn(["utc"]).timeZone).toBe("UTC");
  });

  it("asks which zone a place in several means", () => {
    const error = refusal(["9:00", "indiana"]);
    expect(error.message).toMatch(/Did you mean America\/Indiana\/\w+/);
  });

  it("refuses a lone minus", () => {
    expect(refusal(["09:00", "-"]).code).toBe("bad-topic");
  });

  it("keeps topic words that are no place", () => {
    expect(parseDigestOn(["llm", "agents", "-vision"])).toMatchObject({
      topics: ["llm", "agents"],
      excluded: ["vision"],
    });
  });

  it("answers any words with a schedule or a user error, never a crash", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 }), (words) => {
        try {
          parseDigestOn(words);
        } catch (error) {
          expect(isUserError(error)).toBe(true);
        }
      }),
    );
  });

  it("in chat, `digest on 09:00 berlin` sets the zone", async () => {
    const { bot } = await seededCore();
    const text = await answer(bot, "digest on 09:00 berlin");
    expect(text).toContain("(Europe/Berlin)");
    expect(text).not.toContain("topics");
  });
});
