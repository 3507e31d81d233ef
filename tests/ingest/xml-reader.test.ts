import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { readXml } from "../../src/ingest/xml-document.js";
import { readFixture } from "./live/fixtures.js";

const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;

/** The parser and options paperbot used before it read XML itself: the reference for the tree's shape. */
const reference = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  // The XML declaration is not part of the document's content; paperbot's reader skips it.
  ignoreDeclaration: true,
});

/** Plain data, so the comparison ignores whether records have a prototype. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function tree(text: string): unknown {
  const reading = readXml(text);
  if ("problem" in reading) throw new Error(`${reading.problem} (line ${reading.line})`);
  return plain(reading.root);
}

describe("reading XML in one pass", () => {
  it("builds the tree fast-xml-parser built, for the recorded feeds", () => {
    for (const name of ["arxiv-atom-page.xml", "arxiv-atom-error.xml", "arxiv-rss-cs-cl.xml"]) {
      const text = readFixture(name);
      expect(tree(text), name).toEqual(plain(reference.parse(text)));
    }
  });

  it("builds the same tree as fast-xml-parser for any well-formed document", () => {
    const name = fc.constantFrom("entry", "title", "a:title", "summary", "link", "x", "arxiv:doi", "b");
    const attribute = fc.tuple(
      fc.constantFrom("term", "href", "rel", "xmlns:arxiv", "xml:lang", "scheme"),
      fc.constantFrom("cs.LG", " spaced ", "a &amp; b", "&#233;t&#xE9;", "x&lt;y", ""),
    );
    const text = fc.oneof(
      fc.constantFrom(
        "plain words",
        "  wrapped\n    lines  ",
        "R&amp;D",
        "caf&#233; &mdash; &nbsp;x",
        "&lt;b&gt;",
        "&unknown;",
        "<![CDATA[ raw <b>&amp; ]]>",
        "<!-- a comment -->",
        "\r\n",
      ),
      fc.stringMatching(/^[a-z ]{0,12}$/),
    );
    const element: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc
        .tuple(
          name,
          fc.uniqueArray(attribute, { maxLength: 3, selector: ([key]) => key }),
          fc.array(fc.oneof({ depthSize: "small" }, text, tie("node")), { maxLength: 4 }),
        )
        .map(([tag, attributes, content]) => {
          const attrs = attributes.map(([key, value]) => ` ${key}="${value}"`).join("");
          return content.length === 0 ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${content.join("")}</${tag}>`;
        }),
    })).node;
    const document = fc
      .tuple(fc.boolean(), element)
      .map(
        ([declared, root]) =>
          `${declared ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ""}<feed>${root}</feed>\n`,
      );
    fc.assert(
      fc.property(document, (xml) => {
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(tree(xml)).toEqual(plain(reference.parse(xml)));
      }),
      { numRuns: runs },
    );
  });

  it("refuses what is not well-formed, naming the line", () => {
    const cases: [string, number, RegExp][] = [
      [
        "<feed>\n<entry>\n<title>x</entry>\n</feed>",
        3,
        /expected <\/title> \(opened on line 3\) but found <\/entry>/,
      ],
      ["<feed>\n<entry>\n", 2, /ends inside <entry>/],
      ["<feed>\n<title>R&D</title>\n</feed>", 2, /"&"/],
      ['<feed>\n<link href="a" href="b"/>\n</feed>', 2, /repeated/],
      ["<feed>\n<link href=a/>\n</feed>", 2, /unquoted/],
      ["<feed></feed>\n<feed></feed>", 2, /second root/],
      ["<feed></feed>\ntrailing", 2, /text after the root/],
      ["<feed>\n</entry>", 2, /expected <\/feed>/],
      ["</feed>", 1, /no opening tag/],
      ["<feed>\n< entry>\n</feed>", 2, /starts no tag/],
      ["<feed><!-- open\n</feed>", 1, /comment is not closed/],
      ["<feed>\r\n<a>\r\n</b></feed>", 3, /found <\/b>/],
      ["<feed>\n<__proto__/>\n</feed>", 2, /__proto__/],
      ["just text", 1, /text before the root/],
    ];
    for (const [xml, line, message] of cases) {
      const reading = readXml(xml);
      expect("problem" in reading, xml).toBe(true);
      if (!("problem" in reading)) continue;
      expect(reading.problem, xml).toMatch(/^not well-formed XML: /);
      expect(reading.problem, xml).toMatch(message);
      expect(reading.line, xml).toBe(line);
    }
  });

  it("keeps names the prototype has as plain children", () => {
    expect(tree("<r><constructor>a</constructor><constructor>b</constructor><toString/></r>")).toEqual({
      r: { constructor: ["a", "b"], toString: "" },
    });
  });
});
