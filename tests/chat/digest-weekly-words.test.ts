// `/papers digest weekly on [Mon–Sun] [HH:MM] [zone]`: the argument parser (with properties) and the command in chat.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWeeklyOn } from "../../src/chat/commands/digest-weekly.js";
import { isUserError, type UserError } from "../../src/errors.js";
import { channelKey } from "../../src/places.js";
import { seededCore } from "../helpers/core.js";
import { answer, place, say } from "./chat-helpers.js";

function refusal(words: string[]): UserError {
  try {
    parseWeeklyOn(words);
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error(`${words.join(" ")} was accepted`);
}

const DAYS: [string, number][] = [
  ["mon", 1],
  ["tuesday", 2],
  ["Wed", 3],
  ["THU", 4],
  ["friday", 5],
  ["Sat", 6],
  ["sun.", 7],
];
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];

describe("digest weekly on: its words", () => {
  it("reads a day, a time and a zone in any order, each optional", () => {
    expect(parseWeeklyOn(["Fri", "16:00", "berlin"])).toEqual({
      weekday: 5,
      time: "16:00",
      timeZone: "Europe/Berlin",
    });
    expect(parseWeeklyOn(["9am", "monday"])).toEqual({ weekday: 1, time: "09:00" });
    expect(parseWeeklyOn([])).toEqual({});
  });

  it("refuses a day that is no weekday, a time past 23:59 and an unknown zone, each with what to type", () => {
    const funday = refusal(["Funday"]);
    expect(funday.code).toBe("bad-weekday");
    expect(funday.message).toBe('"Funday" is not a day of the week.');
    expect(funday.hint).toMatch(/Mon, Tue, Wed, Thu, Fri, Sat or Sun/);
    expect(refusal(["Mon", "25:00"]).code).toBe("bad-time");
    expect(refusal(["Mon", "25:00"]).hint).toMatch(/HH:MM/);
    expect(refusal(["Mars/Olympus_Mons"]).code).toBe("bad-time-zone");
    expect(refusal(["Mon", "Tue"]).code).toBe("two-weekdays");
    expect(refusal(["09:00", "10:00"]).code).toBe("two-times");
    expect(refusal(["llm"]).code).toBe("bad-argument");
  });

  it("refuses the names every JavaScript object has (__proto__, constructor, toString) as no weekday", () => {
    for (const word of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(refusal([word]).code, word).toBe("bad-argument");
    }
  });

  it("property: any day, time and zone, in any order and case, read back as written", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DAYS),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...ZONES),
        fc.boolean(),
        fc.nat(5),
        ([dayWord, weekday], hour, minute, zone, upper, order) => {
          const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
          const words = [upper ? dayWord.toUpperCase() : dayWord, time, zone];
          const rotated = [...words.slice(order % 3), ...words.slice(0, order % 3)];
          const shuffled = order >= 3 ? rotated.reverse() : rotated;
          expect(parseWeeklyOn(shuffled)).toEqual({ weekday, time, timeZone: zone });
        },
      ),
    );
  });

  it("property: any words get a schedule or a user error, never a crash", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), (words) => {
        try {
          const parsed = parseWeeklyOn(words);
          if (parsed.weekday !== undefined) expect(parsed.weekday).toBeGreaterThanOrEqual(1);
          if (parsed.time !== undefined) expect(parsed.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        } catch (error) {
          expect(isUserError(error)).toBe(true);
        }
      }),
    );
  });
});

describe("digest weekly in chat", () => {
  const channel = channelKey(place.platform, place.workspaceId, place.channelId);

  it("turns the weekly on (Mon 09:00 in the daily digest's zone by default), changes it, shows it, and turns it off", async () => {
    const { bot, store } = await seededCore();
    await say(bot, "digest on 08:00 Asia/Tokyo");
    const on = await say(bot, "digest weekly on");
    expect(on[0]?.visibility).toBe("channel");
    expect(on[0]?.text).toMatch(/Turned on this channel's weekly digest: every Mon at 09:00 \(Asia\/Tokyo\)/);
    expect(on[0]?.text).toMatch(/Next post: 2026-11-23 09:00 \(Asia\/Tokyo\)/);
    expect(store.weeklySchedule(channel)).toMatchObject({
      weekday: 1,
      time: "09:00",
      timeZone: "Asia/Tokyo",
    });
    // Discord sends its options in order (`digest weekly 16:00 Europe/Berlin Fri`): `on` is optional.
    expect(await answer(bot, "digest weekly 16:00 Europe/Berlin Fri")).toMatch(
      /Updated this channel's weekly digest: every Fri at 16:00 \(Europe\/Berlin\)/,
    );
    expect(await answer(bot, "digest weekly")).toMatch(
      /Weekly digest: every Fri at 16:00 \(Europe\/Berlin\)\.\nLast: none yet\.\nNext post: 2026-11-27 16:00/,
    );
    // The daily digest is its own schedule.
    expect(store.subscription(channel)?.time).toBe("08:00");
    expect(await answer(bot, "digest weekly off")).toMatch(/Turned off this channel's weekly digest/);
    expect(store.weeklySchedule(channel)).toBeUndefined();
    expect(store.subscription(channel)).toBeDefined();
    expect(await answer(bot, "digest weekly off")).toMatch(/no weekly digest to turn off/);
  });

  it("answers bad input privately and clearly, leaving the stored schedule as it was", async () => {
    const { bot, store } = await seededCore();
    await say(bot, "digest weekly on Wed 10:00 UTC");
    const before = store.weeklySchedule(channel);
    for (const [text, expected] of [
      ["digest weekly on Funday", /"Funday" is not a day of the week\..*Mon, Tue/s],
      ["digest weekly on Mon 25:00", /"25:00" is not a time of day\..*HH:MM/s],
      ["digest weekly on Mon Mars/Olympus_Mons", /not a time zone I know\..*Europe\/Berlin/s],
      ["digest weekly off now", /takes nothing after it/],
    ] as const) {
      const replies = await say(bot, text);
      expect(replies[0]?.visibility, text).toBe("private");
      expect(replies[0]?.text, text).toMatch(expected);
    }
    expect(store.weeklySchedule(channel)).toEqual(before);
  });
});
