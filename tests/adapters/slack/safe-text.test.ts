// Escaping paper and user text for mrkdwn: mentions, links, formatting, emoji codes, cuts and URLs.
import { describe, expect, it } from "vitest";
import {
  chunkText,
  oneLine,
  toCodeText,
  toLinkUrl,
  toMrkdwn,
  toPlainText,
} from "../../../adapters/slack/safe-text.js";

describe("toMrkdwn", () => {
  it("escapes Slack's three control characters so mentions and links stay text", () => {
    expect(toMrkdwn("<!channel> <!here> <@U123> <!subteam^S1> a & b")).toBe(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;!subteam^S1&gt; a &amp; b",
    );
    expect(toMrkdwn("<https://evil.example|click>")).toBe("&lt;https://evil.example|click&gt;");
    expect(toMrkdwn("&lt; stays literal")).toBe("&amp;lt; stays literal");
  });

  it("escapes < > & even when a combining mark makes them part of a larger grapheme", () => {
    expect(toMrkdwn(">\u0338 <\u20D2!channel>")).toBe("\u200B&gt;\u0338 &lt;\u20D2!channel&gt;");
  });

  it("swaps formatting characters for look-alikes, but leaves snake_case alone", () => {
    expect(toMrkdwn("*bold* _it_ ~s~ `c` snake_case_name")).toBe("∗bold∗ ˍitˍ ∼s∼ ˋcˋ snake_case_name");
  });

  it("breaks emoji short codes and line-leading quotes", () => {
    expect(toMrkdwn("ratio :b: 10:30")).toBe("ratio :\u200Bb: 10:30");
    expect(toMrkdwn("> quote\nnext > not")).toBe("\u200B&gt; quote\nnext &gt; not");
  });

  it("keeps LaTeX, emoji and right-to-left text readable", () => {
    expect(toMrkdwn("$O(n^2)$ \\alpha 🧠 עברית")).toBe("$O(n^2)$ \\alpha 🧠 עברית");
  });

  it("cuts after escaping, between graphemes, with an ellipsis", () => {
    const cut = toMrkdwn("&".repeat(100), 22);
    expect(cut).toBe("&amp;&amp;&amp;&amp;…");
    expect(cut.length).toBeLessThanOrEqual(22);
    expect(toMrkdwn("👩‍👩‍👧‍👦".repeat(10), 25)).toBe(`${"👩‍👩‍👧‍👦".repeat(2)}…`);
    expect(toMrkdwn("short", 10)).toBe("short");
  });

  it("drops control and bidi-override characters", () => {
    expect(toMrkdwn("a\u0000b\u202Ec\r\nd")).toBe("abc\nd");
  });
});

describe("plain and code text", () => {
  it("collapses whitespace for one-liners and plain_text, which Slack never parses", () => {
    expect(oneLine("  A\n\tB  ")).toBe("A B");
    expect(toPlainText("<!channel>\nhello", 150)).toBe("<!channel> hello");
    expect(toPlainText("x".repeat(200), 75)).toHaveLength(75);
  });

  it("escapes code and keeps triple backticks from closing the block", () => {
    expect(toCodeText("a < b && ```")).toBe("a &lt; b &amp;&amp; `\u200B`\u200B`");
  });

  it("chunks long lines without splitting graphemes", () => {
    const chunks = chunkText("👍".repeat(5), 4);
    expect(chunks).toEqual(["👍👍", "👍👍", "👍"]);
  });
});

describe("toLinkUrl", () => {
  it("accepts http(s) only and encodes what would end the link", () => {
    expect(toLinkUrl("https://arxiv.org/abs/2506.13585")).toBe("https://arxiv.org/abs/2506.13585");
    expect(toLinkUrl("https://x.org/a?b=1&c=2|3")).toBe("https://x.org/a?b=1&amp;c=2%7C3");
    expect(toLinkUrl("https://x.org/<!channel>")).toBe("https://x.org/%3C!channel%3E");
    expect(toLinkUrl("javascript:alert(1)")).toBeUndefined();
    expect(toLinkUrl("not a url")).toBeUndefined();
    expect(toLinkUrl(undefined)).toBeUndefined();
  });
});
