// The set of known papers with the lookups merging needs: by id, by arXiv id, by normalized title.
import { normalizeTitle, parseArxivReference } from "./ids.js";
import { mergePaper, newPaper } from "./merge.js";
import type { Paper, ParsedPaper } from "./paper.js";

export type UpsertOutcome = "new" | "updated" | "unchanged";

export class Corpus {
  private readonly byId = new Map<string, Paper>();
  private readonly idByArxiv = new Map<string, string>();
  private readonly idByTitle = new Map<string, string>();

  constructor(papers: Iterable<Paper> = []) {
    for (const paper of papers) this.index(paper);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): IterableIterator<Paper> {
    return this.byId.values();
  }

  /** A paper by its id, its arXiv id in any pasted form, or its exact title. */
  find(reference: string): Paper | undefined {
    const direct = this.byId.get(reference.trim());
    if (direct) return direct;
    const arxiv = parseArxivReference(reference);
    const viaArxiv = arxiv && this.idByArxiv.get(arxiv.id);
    if (viaArxiv) return this.byId.get(viaArxiv);
    const viaTitle = this.idByTitle.get(normalizeTitle(reference));
    return viaTitle ? this.byId.get(viaTitle) : undefined;
  }

  /** The paper this parsed one is the same as: same arXiv id, or the same normalized title. */
  match(parsed: ParsedPaper): Paper | undefined {
    const id =
      (parsed.arxivId && this.idByArxiv.get(parsed.arxivId)) ??
      this.idByTitle.get(normalizeTitle(parsed.title));
    return id ? this.byId.get(id) : undefined;
  }

  /** Adds or merges one parsed paper; returns the stored paper and what happened. */
  upsert(parsed: ParsedPaper): { paper: Paper; outcome: UpsertOutcome } {
    const existing = this.match(parsed);
    if (!existing) {
      const paper = newPaper(parsed);
      this.index(paper);
      return { paper, outcome: "new" };
    }
    const merged = mergePaper(existing, parsed);
    if (JSON.stringify(merged) === JSON.stringify(existing)) return { paper: existing, outcome: "unchanged" };
    this.index(merged);
    return { paper: merged, outcome: "updated" };
  }

  /** Replaces a stored paper by a changed version of itself (e.g. with a summary added). */
  replace(paper: Paper): void {
    this.index(paper);
  }

  private index(paper: Paper): void {
    this.byId.set(paper.id, paper);
    if (paper.arxivId) this.idByArxiv.set(paper.arxivId, paper.id);
    this.idByTitle.set(normalizeTitle(paper.title), paper.id);
  }
}
