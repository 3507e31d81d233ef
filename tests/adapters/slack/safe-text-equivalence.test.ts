// The one-pass escaper gives exactly what the grapheme-by-grapheme one gave, cuts included, on hostile text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneLine, sanitize, toLinkUrl, toMrkdwn, toPlainText } from "../../../adapters/slack/safe-text.js";
import { MARKUP_ABSTRACT, NASTY_STRINGS } from "../../reliability/nasty-strings.js";
import { fuzzRuns } from "../../reliability/stress.js";
import {
  referenceOneLine,
  referenceSanitize,
  referenceToLinkUrl,
  referenceToMrkdwn,
  referenceToPlainText,
} from "./safe-text-reference.js";

/** Pieces that stress both escaping (markup, context) and grapheme boundaries (joiners, marks, flags, scripts). */
const PIECES = [
  "&",
  "<",
  ">",
  "*",
  "_",
  "~",
  "`",
  ":",
  ":b:",
  ":party-parrot:",
  "<!channel>",
  "\n",
  "\n> ",
  "\r\n",
  "\r",
  "\t",
  " ",
  "  ",
  "\u00A0",
  "\u2003",
  "\u200B",
  "a",
  "snake",
  "é",
  "e\u0301",
  ">\u0338",
  "_\u0301",
  "\u0301",
  "\u200D",
  "\uFE0F",
  "👩‍👩‍👧‍👦",
  "👍🏽",
  "🏳️‍🌈",
  "🇫🇷",
  "🇺",
  "#\uFE0F\u20E3",
  "क्षि",
  "\u1100\u1161\u11A8",
  "ש",
  "–",
  "\uD83D",
  "\uDE00",
  "\u202E",
  "\u0000",
];

const hostile = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(...NASTY_STRINGS.map((s) => s.text)),
);

const limit = fc.oneof(
  fc.integer({ min: 0, max: 120 }),
  fc.integer({ min: 0, max: 3_000 }),
  fc.constant(Number.POSITIVE_INFINITY),
);

describe("the one-pass escaper", () => {
  it("matches the grapheme-by-grapheme toMrkdwn, cuts included", () => {
    fc.assert(
      fc.property(hostile, limit, (raw, max) => {
        expect(toMrkdwn(raw, max)).toBe(referenceToMrkdwn(raw, max));
      }),
      { numRuns: fuzzRuns(3_000) },
    );
  });

  it("matches the grapheme-by-grapheme toPlainText, cuts included", () => {
    fc.assert(
      fc.property(hostile, limit, (raw, max) => {
        expect(toPlainText(raw, max)).toBe(referenceToPlainText(raw, max));
      }),
      { numRuns: fuzzRuns(3_000) },
    );
  });

  it("sanitizes and joins lines exactly as the two-replacement versions did", () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        expect(sanitize(raw)).toBe(referenceSanitize(raw));
        expect(oneLine(raw)).toBe(referenceOneLine(raw));
      }),
      { numRuns: fuzzRuns(3_000) },
    );
  });

  it("passes a link through unparsed only where the URL parser would give it back unchanged", () => {
    const scheme = fc.constantFrom("https://", "http://", "HTTPS://", "ftp://", "javascript:", "https:/", "");
    const label = fc.constantFrom(
      ...["arxiv", "org", "a", "b1", "1b", "1", "123", "0x7f", "xn--n3h", "xn--abc", "-", "a-b", "EXAMPLE"],
      ...["ex ample", "é", "", "localhost", "huggingface", "co"],
    );
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));
    const port = fc.constantFrom("", "", ":443", ":80", ":8080", ":");
    const user = fc.constantFrom("", "", "u:p@", "@");
    const segment = fc.constantFrom(
      ...["", ".", "..", "...", "abs", "2506.13585", "A_b~c-d", "%2e", "%2E%2e", "a b", "|", "<", ">"],
      ...["&", "é", "\\", "?", "#x", "?a=1&b=2", "pdf", "papers"],
    );
    const path = fc.array(segment, { maxLength: 5 }).map((segments) => segments.map((s) => `/${s}`).join(""));
    const space = fc.constantFrom("", "", " ", "\t", "\n");
    const built = fc.tuple(space, scheme, user, host, port, path, space).map((parts) => parts.join(""));
    // Mostly links the fast path takes, each with one thing the parser would change or refuse.
    const nearCanonical = fc
      .tuple(
        fc.constantFrom("https://", "http://"),
        fc.array(fc.constantFrom("arxiv", "org", "xn--abc", "xn--zz", "xn--ls8h", "0x1f", "1", "b1", "Org"), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(fc.constantFrom("abs", "2506.13585", ".", "..", "...", "", "%2e", "A~b"), {
          minLength: 1,
          maxLength: 3,
        }),
      )
      .map(([at, labels, segments]) => `${at}${labels.join(".")}${segments.map((s) => `/${s}`).join("")}`);
    const link = fc.oneof(
      nearCanonical,
      built,
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.constant(`https://arxiv.org/${"a".repeat(3_000)}`),
    );
    fc.assert(
      fc.property(link, (raw) => {
        expect(toLinkUrl(raw)).toBe(referenceToLinkUrl(raw));
      }),
      { numRuns: fuzzRuns(5_000) },
    );
  });

  it("matches at every cut point of a long mixed text", () => {
    const text = `${PIECES.join("")} ${MARKUP_ABSTRACT}`;
    for (let max = 0; max <= text.length + 1; max += 1) {
      expect(toMrkdwn(text, max)).toBe(referenceToMrkdwn(text, max));
      expect(toPlainText(text, max)).toBe(referenceToPlainText(text, max));
    }
  });
});
