// A list of authors that ends in "et al." stays known as incomplete: in JSON, BibTeX and cards.
import { describe, expect, it } from "vitest";
import { bibtex } from "../../src/chat/bibtex.js";
import { paperJson } from "../../src/cli/paper-json.js";
import { paperCard } from "../../src/message/cards.js";
import type { Paper } from "../../src/papers/paper.js";
import { seedCorpus } from "../helpers/seeds.js";

function seedPaper(titleStart: string): Paper {
  const paper = [...seedCorpus().all()].find((p) => p.title.startsWith(titleStart));
  if (!paper) throw new Error(`no seed paper "${titleStart}"`);
  return paper;
}

describe("authors cut short with et al.", () => {
  const minimax = () => seedPaper("The MiniMax-M2 Series");

  it("are kept as incomplete, with no count made up from the names shown", () => {
    const json = paperJson(minimax());
    expect(json).toMatchObject({
      authors: ["Aili Chen", "Aonian Li"],
      authorsTruncated: true,
      authorCount: null,
      organization: "MiniMax",
    });
  });

  it("end the BibTeX author list with `and others`", () => {
    expect(bibtex([minimax()])).toContain("author = {Aili Chen and Aonian Li and others}");
  });

  it("show as et al. on a card", () => {
    expect(paperCard(minimax()).authors).toBe("Aili Chen, Aonian Li et al.");
  });

  it("a complete list says so, and a page's count stays its count", () => {
    const complete = paperJson(seedPaper("The Role of Local Steps in Local SGD"));
    expect(complete).toMatchObject({ authorsTruncated: false, authorCount: 3 });
    expect(bibtex([seedPaper("The Role of Local Steps in Local SGD")])).toContain(
      "author = {Tiancheng Qin and S. Rasoul Etesami and César A. Uribe}",
    );
    const counted = paperJson(seedPaper("MiniMax-M1"));
    expect(counted).toMatchObject({ authors: [], authorCount: 127, authorsTruncated: true });
  });
});
