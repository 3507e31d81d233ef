// One shared corpus of hostile strings: mentions, masked links, markup, fences, invisible and control characters.

const MENTIONS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!channel|channel>",
  "<@U123>",
  "<@U123|bob>",
  "<#C123>",
  "<#C123|general>",
  "<!subteam^S123|@team>",
  "<!date^1392734382^{date}|Feb 18>",
  "@everyone",
  "@here",
  "@channel",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&123456789012345678>",
  "<#123456789012345678>",
  "</papers help:123456789012345678>",
  "<t:1700000000:R>",
  "<a:party:123456789012345678>",
  "&lt;!channel&gt;",
  "&#60;!here&#62;",
];

const LINKS = [
  "[click me](https://evil.example/x)",
  "[https://arxiv.org/abs/2401.00001](https://evil.example)",
  "<https://evil.example|arxiv.org>",
  "<https://evil.example>",
  "https://evil.example/?q=<!channel>",
  "[a](<https://evil.example>)",
  "javascript:alert(1)",
];

const MARKUP = [
  "```\n@everyone\n```",
  "``` <!channel> ```",
  "`code` ``double`` ```",
  "> quoted\n>>> all quoted",
  "# heading\n## smaller",
  "-# subtext",
  "- list\n1. numbered",
  "*bold* _italic_ ~strike~ **bold** __under__ ||spoiler||",
  ":smile: :b: :party-parrot:",
  "\\<!channel\\>",
  "<b>html</b><script>alert(1)</script>",
];

const INVISIBLE = [
  "@\u200Deveryone",
  "@\u200Beveryone",
  "<\u200D!channel>",
  "\u200D<!here>\u200D",
  "<@\u2060U123>",
  "@\uFEFFhere",
  "\u202Egnp.exe\u202C",
  "\u2066isolate\u2069",
  "👨\u200D👩\u200D👧\u200D👦 family",
];

const CONTROL = [
  "\u0000nul \u0007bel \u0008bs",
  "\u001b[2J\u001b[Hcleared",
  "\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007",
  "line one\nline two\r\n#3 a fake message",
  "\r(only you) spoofed\r",
  "tab\tseparated",
  "lone \uD800 high and \uDC00 low surrogates",
  "\u0085next line\u2028line sep\u2029para sep",
];

const LONG = ["x".repeat(10_000), "👨\u200D👩\u200D👧\u200D👦".repeat(600), `${"<!channel> ".repeat(400)}`];

/** Every string, by family, so a failure names what broke. */
export const NASTY_STRINGS: readonly { family: string; text: string }[] = [
  ...MENTIONS.map((text) => ({ family: "mention", text })),
  ...LINKS.map((text) => ({ family: "link", text })),
  ...MARKUP.map((text) => ({ family: "markup", text })),
  ...INVISIBLE.map((text) => ({ family: "invisible", text })),
  ...CONTROL.map((text) => ({ family: "control", text })),
  ...LONG.map((text) => ({ family: "long", text })),
];

/** An abstract full of markup from every platform at once. */
export const MARKUP_ABSTRACT = NASTY_STRINGS.filter((s) => s.family !== "long")
  .map((s) => s.text)
  .join(" ");
