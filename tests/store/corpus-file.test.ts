import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newPaper } from "../../src/papers/merge.js";
import type { Paper } from "../../src/papers/paper.js";
import { type CorpusFile, corpusFileText, readCorpusFile } from "../../src/store/corpus-file.js";
import { LowStore } from "../../src/store/low-store.js";
import { parsedSeedPapers } from "../helpers/seeds.js";

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "paperbot-corpus-file-"));
}

async function written(file: CorpusFile): Promise<{ path: string; text: string }> {
  const path = join(await tempDir(), "papers.json");
  const text = [...corpusFileText(file)].join("");
  await writeFile(path, text, "latin1");
  return { path, text };
}

/** Text with what trips a hand-written scanner: quotes, backslashes, newlines, the key itself, non-ASCII. */
const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom('"abstract":"', '\\"', "\\", "\n", "]}", ",\n", "é ε 𝔼", '"},{"'),
);
const paperArb = fc.record({
  id: fc.string({ minLength: 1 }),
  title: tricky,
  abstract: fc.array(tricky, { maxLength: 4 }).map((parts) => parts.join(" ")),
  authors: fc.array(tricky, { maxLength: 3 }),
  categories: fc.array(fc.constantFrom("cs.LG", "cs.CL"), { maxLength: 2 }),
  links: fc.record({ abstract: fc.webUrl() }, { requiredKeys: [] }),
  sightings: fc.constant<Paper["sightings"]>([]),
  linksFirst: fc.boolean(),
});

describe("papers.json, a paper a line", () => {
  it("reads back every paper as written, and stays one JSON document", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paperArb, { maxLength: 8 }), async (drawn) => {
        // Some papers carry their links (with an `abstract` key of their own) before their abstract.
        const papers = drawn.map(
          ({ linksFirst, links, ...rest }): Paper => (linksFirst ? { links, ...rest } : { ...rest, links }),
        );
        const { path, text } = await written({ schemaVersion: 1, papers });
        expect(JSON.parse(text)).toEqual({ schemaVersion: 1, papers });
        const read = await readCorpusFile(path);
        expect(read).toEqual({ schemaVersion: 1, papers, layout: "lines" });
      }),
      { numRuns: 60 },
    );
  });

  it("reads back a file of many windows and parse batches, lines split across every boundary", async () => {
    // ~10 MB: more than one 8 MB read window and ~100 parse batches, with a line of every kind at every
    // position (escapes in abstracts, no abstract, links before the abstract, non-ASCII).
    const kinds = (i: number): Paper => {
      const base: Paper = {
        id: `p${i}`,
        title: `Paper ${i} \u00e9 "quoted"`,
        abstract: `${"word ".repeat(300 + (i % 97))}${i % 5 === 0 ? 'a \\ backslash and "quotes" \n' : ""}end ${i}`,
        authors: [`Author ${i}`],
        categories: ["cs.LG"],
        links: {},
        sightings: [],
      };
      const links = { abstract: `https://arxiv.org/abs/${i}` };
      if (i % 7 === 0) {
        const { links: _, ...rest } = base;
        return { links, ...rest };
      }
      if (i % 11 === 0) {
        const { abstract: _, links: __, ...withoutAbstract } = base;
        return { ...withoutAbstract, links } as Paper;
      }
      return base;
    };
    const papers = Array.from({ length: 6_000 }, (_, i) => kinds(i));
    const { path, text } = await written({ schemaVersion: 1, papers });
    expect(text.length).toBeGreaterThan(9 * 2 ** 20);
    expect(await readCorpusFile(path)).toEqual({ schemaVersion: 1, papers, layout: "lines" });
  });

  it("reads a line as JSON.parse does, and refuses what JSON.parse refuses", async () => {
    const head = '{"schemaVersion":1,"papers":[\n';
    const read = async (lines: string) => {
      const path = join(await tempDir(), "papers.json");
      await writeFile(path, `${head}${lines}]}\n`, "latin1");
      return readCorpusFile(path);
    };
    // An abstract key inside another object, or twice: the paper's own, and the last, as JSON.parse has it.
    for (const line of [
      '{"id":"a","extra":{"abstract":"nested"},"abstract":"own"}',
      '{"id":"a","abstract":"first","abstract":"last"}',
      '[{"abstract":"in an array"}]',
    ])
      expect((await read(`${line}\n`))?.papers).toEqual([JSON.parse(line)]);
    // A comma missing between papers, or one after the last: not JSON, so not read.
    await expect(read('{"id":"a","abstract":"x"}\n{"id":"b","abstract":"y"}\n')).rejects.toThrow(SyntaxError);
    await expect(read('{"id":"a","abstract":"x"},\n')).rejects.toThrow(SyntaxError);
    expect((await read(""))?.papers).toEqual([]);
  });

  it("reads a file in the earlier one-line layout, or edited by hand, as JSON", async () => {
    const papers = parsedSeedPapers().slice(0, 3).map(newPaper);
    const dir = await tempDir();
    const path = join(dir, "papers.json");
    await writeFile(path, JSON.stringify({ schemaVersion: 1, papers }));
    expect(await readCorpusFile(path)).toEqual({ schemaVersion: 1, papers, layout: "whole" });
    // A line layout with a raw UTF-8 character (this store writes ASCII only) is still read.
    const edited = [...corpusFileText({ schemaVersion: 1, papers })].join("").replace("Local", "Lécal");
    await writeFile(path, edited, "utf8");
    expect((await readCorpusFile(path))?.papers.map((p) => p.title)).toEqual(
      JSON.parse(edited).papers.map((p: Paper) => p.title),
    );
    expect(await readCorpusFile(join(dir, "missing.json"))).toBeNull();
  });

  it("rewrites a one-line papers.json a paper a line when a data directory is opened, keeping every paper", async () => {
    const papers = [
      ...new Map(parsedSeedPapers().map((parsed) => [newPaper(parsed).id, newPaper(parsed)])).values(),
    ];
    const dir = await tempDir();
    const oldFile = JSON.stringify({ schemaVersion: 1, papers });
    await writeFile(join(dir, "papers.json"), oldFile);
    const store = await LowStore.openDirectory(dir);
    const text = await readFile(join(dir, "papers.json"), "latin1");
    expect(text.startsWith('{"schemaVersion":1,"papers":[\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(oldFile));
    const inMemory = [...store.corpus.all()];
    await store.close();
    const reopened = await LowStore.openDirectory(dir);
    expect([...reopened.corpus.all()]).toEqual(inMemory);
    await reopened.close();
  });

  it("leaves a file it cannot read as it was, and says so", async () => {
    const dir = await tempDir();
    const broken = '{"schemaVersion":1,"papers":[\n{"id":"a","title":"cut sh';
    await writeFile(join(dir, "papers.json"), broken);
    await expect(LowStore.openDirectory(dir)).rejects.toThrow(/papers\.json could not be read/);
    expect(await readFile(join(dir, "papers.json"), "utf8")).toBe(broken);
  });
});
