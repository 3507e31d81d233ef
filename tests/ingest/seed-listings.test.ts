import { describe, expect, it } from "vitest";
import { parseListing } from "../../src/ingest/parse-listing.js";
import { AS_OF, parseSeed, SEEN_AT, seedCorpus, seedFiles } from "../helpers/seeds.js";

describe("the seed listings", () => {
  it("reads every file in its layout, with the measured paper counts and no warnings", () => {
    const counts = Object.fromEntries(
      seedFiles().map((name) => {
        const result = parseSeed(name);
        expect(result.warnings).toEqual([]);
        return [name.slice(0, 3), [result.layout, result.papers.length]];
      }),
    );
    expect(counts).toEqual({
      "000": ["compact-listing", 6],
      "001": ["daily-papers-page", 32],
      "002": ["daily-papers-page", 37],
      "003": ["daily-papers-page", 62],
      "004": ["daily-papers-page", 31],
    });
  });

  it("merges them into 161 distinct papers", () => {
    expect(seedCorpus().size).toBe(161);
  });

  it("splits the six compact-listing titles from their first authors", () => {
    const papers = parseSeed("000_79b5d54e73a5096d.txt").papers;
    expect(papers.map((p) => [p.title, p.authors[0]])).toEqual([
      ["The MiniMax-M2 Series: Mini Activations Unleashing Max Real-World Intelligence", "Aili Chen"],
      ["The Role of Local Steps in Local SGD", "Tiancheng Qin"],
      [
        "Theta-Resonance: A Single-Step Reinforcement Learning Method for Design Space Exploration",
        "Masood S. Mortazavi",
      ],
      [
        "Scalable and Independent Learning of Nash Equilibrium Policies in n-Player Stochastic Games with Unknown Independent Chains",
        "Tiancheng Qin",
      ],
      ["Faster Convergence of Local SGD for Over-Parameterized Models", "Tiancheng Qin"],
      ["Communication-efficient Decentralized Local SGD over Undirected Networks", "Tiancheng Qin"],
    ]);
    expect(papers[0]?.organization).toBe("MiniMax");
    expect(papers[1]?.authors).toEqual(["Tiancheng Qin", "S. Rasoul Etesami", "César A. Uribe"]);
    expect(papers[1]?.categories).toEqual(["cs.LG"]);
    expect(papers[3]?.categories).toEqual(["cs.GT"]);
    expect(papers[1]?.published).toBe("2022-03-14");
  });

  it("stores MiniMax-M1 once, with the newest page's 6 upvotes and its 2025 date", () => {
    const corpus = seedCorpus();
    const matches = [...corpus.all()].filter((p) => p.title.startsWith("MiniMax-M1"));
    expect(matches).toHaveLength(1);
    expect(matches[0]?.upvotes).toBe(6);
    expect(matches[0]?.published).toBe("2025-06-16");
    expect(matches[0]?.authorCount).toBe(127);
    expect(matches[0]?.sightings.map((s) => s.ref).sort()).toEqual([
      "001_8cc7a68ddb44f31e.txt",
      "002_2b963a6533fd6de3.txt",
    ]);
  });

  it("reads organisation lines: MiniCPM4 is OpenBMB's", () => {
    const paper = [...seedCorpus().all()].find((p) => p.title.startsWith("MiniCPM4"));
    expect(paper?.organization).toBe("OpenBMB");
  });

  it("leaves papers seen only in file 003 without a date", () => {
    const only003 = [...seedCorpus().all()].filter((p) =>
      p.sightings.every((s) => s.ref === "003_3d0481f939389e07.txt"),
    );
    expect(only003.length).toBeGreaterThan(50);
    for (const paper of only003) expect(paper.published).toBeUndefined();
  });

  it("cleans LaTeX residue in titles", () => {
    const titles = [...seedCorpus().all()].map((p) => p.title);
    expect(titles.some((t) => t.includes("D²MoE"))).toBe(true);
    expect(titles.some((t) => t.includes("scriptsize"))).toBe(false);
    expect(titles.some((t) => /Inference Scaling FLaws/.test(t))).toBe(true);
    for (const title of titles) expect(title).not.toMatch(/[{}$\\]/);
  });

  it("reads yearless dates against the page date, and the page date against --as-of", () => {
    const earlier = parseListing(readHeaderWith("Dec 9", "Jun 16 5"), {
      ref: "x",
      asOf: AS_OF,
      seenAt: SEEN_AT,
    });
    expect(earlier.papers[0]?.published).toBe("2025-06-16");
    expect(earlier.papers[0]?.sighting.observedOn).toBe("2025-12-09");
    const later = parseListing(readHeaderWith("Dec 9", "Jun 16 5"), {
      ref: "x",
      asOf: "2026-12-10",
      seenAt: SEEN_AT,
    });
    expect(later.papers[0]?.published).toBe("2026-06-16");
    expect(later.papers[0]?.upvotes).toBe(5);
  });
});

function readHeaderWith(pageDate: string, dateLine: string): string {
  const abstract = "We study a problem. ".repeat(10);
  return [
    "new",
    "Get trending papers in your email inbox!",
    "Daily Papers",
    "byAK and the research community",
    pageDate,
    "A Title",
    abstract,
    "  • 3 authors",
    "·",
    dateLine,
  ].join("\n\n");
}
