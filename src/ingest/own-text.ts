// A parsed paper's text in strings of its own, so what is kept of a listing file is its papers, not the file.
import type { ParsedPaper } from "../papers/paper.js";

/**
 * `text`'s characters in a new string, one byte a character when none is beyond Latin-1. V8 keeps a
 * substring as a view into the string it was cut from, so every paper of a listing file held the
 * file's whole text, two bytes a character when a single character of it (a "•", an "ε") was beyond
 * Latin-1: 284 MB for the 100 files of a 100k ingest. A JSON round trip copies losslessly (a lone
 * surrogate included) and chooses the narrow form itself.
 */
export function ownString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** The paper with each of its text fields copied out of the text it was parsed from (in place: it is the parser's own object). */
export function withOwnText(paper: ParsedPaper): ParsedPaper {
  paper.title = ownString(paper.title);
  paper.abstract = ownString(paper.abstract);
  paper.authors = paper.authors.map(ownString);
  if (paper.organization !== undefined) paper.organization = ownString(paper.organization);
  return paper;
}
