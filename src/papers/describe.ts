// Short human descriptions of a paper's parts, shared by the CLI and the chat replies.
import type { Paper } from "./paper.js";

/** Whether the paper is known to have more authors than `authors` names (a listing's "et al.", or a count). */
export function authorsIncomplete(paper: Paper): boolean {
  return paper.authorsTruncated === true || (paper.authorCount ?? 0) > paper.authors.length;
}

/** "Tiancheng Qin, S. Rasoul Etesami et al." or "127 authors", or undefined when nothing is known. */
export function authorLine(paper: Paper, maxNames = 3): string | undefined {
  const { authors, authorCount } = paper;
  if (authors.length === 0) {
    return authorCount ? `${authorCount} author${authorCount === 1 ? "" : "s"}` : undefined;
  }
  const shown = authors.slice(0, maxNames).join(", ");
  const more = authors.length > maxNames || authorsIncomplete(paper);
  return more ? `${shown} et al.` : shown;
}

/** The link people follow first: the abstract page, else Hugging Face, else the PDF. */
export function primaryLink(paper: Paper): string | undefined {
  return paper.links.abstract ?? paper.links.huggingFace ?? paper.links.pdf;
}
