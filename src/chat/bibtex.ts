// BibTeX entries for saved papers, to paste into a reference manager.
import { authorsIncomplete } from "../papers/describe.js";
import type { Paper } from "../papers/paper.js";

/** Braces protect capitalisation in BibTeX; stray braces and backslashes in titles must not break the entry. */
function bibText(text: string): string {
  return text.replace(/[{}\\]/g, "").replace(/([&%$#_])/g, "\\$1");
}

function citationKey(paper: Paper, taken: Set<string>): string {
  const surname = (paper.authors[0] ?? paper.organization ?? "anon").split(/\s+/).pop() ?? "anon";
  const year = paper.published?.slice(0, 4) ?? "nd";
  const word = paper.title.split(/\s+/).find((w) => w.length > 3) ?? "paper";
  const base = `${surname}${year}${word}`
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  taken.add(key);
  return key;
}

export function bibtex(papers: readonly Paper[]): string {
  const taken = new Set<string>();
  return papers
    .map((paper) => {
      const fields: [string, string | undefined][] = [
        ["title", `{${bibText(paper.title)}}`],
        [
          "author",
          paper.authors.length > 0
            ? [...paper.authors.map(bibText), ...(authorsIncomplete(paper) ? ["others"] : [])].join(" and ")
            : paper.organization && bibText(paper.organization),
        ],
        ["year", paper.published?.slice(0, 4)],
        ["eprint", paper.arxivId],
        ["archivePrefix", paper.arxivId ? "arXiv" : undefined],
        ["primaryClass", paper.categories[0]],
        ["url", paper.links.abstract ?? paper.links.huggingFace],
      ];
      const body = fields
        .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== "")
        .map(([name, value]) => `  ${name} = {${value}}`)
        .join(",\n");
      return `@misc{${citationKey(paper, taken)},\n${body}\n}`;
    })
    .join("\n\n");
}
