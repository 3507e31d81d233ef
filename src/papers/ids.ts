// Paper identity: arXiv ids in all the forms people paste, and a stable id for papers known only by title.
import { createHash } from "node:crypto";
import { cleanLatex } from "./clean-latex.js";

/** Printable ASCII only: a title with anything else takes the full Unicode path. */
const PLAIN_ASCII = /^[ -~]*$/;

/** A title reduced to what identifies it: LaTeX read, accents, case, punctuation and spacing dropped. */
export function normalizeTitle(title: string): string {
  const read = cleanLatex(title);
  // Most titles are ASCII, where decomposing and dropping marks change nothing and letters are a-z: the Unicode
  // steps were most of merging's cost (twice per new paper, and once per paper when a store opens).
  if (PLAIN_ASCII.test(read)) {
    return read
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }
  return read
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The id of a paper with no arXiv id: the same title gives the same id on every machine. */
export function titleId(title: string): string {
  return `p${createHash("sha256").update(normalizeTitle(title)).digest("hex").slice(0, 10)}`;
}

export interface ArxivRef {
  /** The id without its version: `2406.12345` or `math/0309136`. */
  id: string;
  version?: number;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

/** Reads a bare arXiv id (`2406.12345v2`, `math/0309136`); undefined when it is not one. */
export function parseBareArxivId(text: string): ArxivRef | undefined {
  const match = NEW_STYLE.exec(text) ?? OLD_STYLE.exec(text);
  if (!match?.[1]) return undefined;
  return match[2] ? { id: match[1], version: Number(match[2]) } : { id: match[1] };
}

/**
 * Reads an arXiv id from anything a person pastes: a bare id, `arXiv:…`, or an arxiv.org abs/pdf link
 * or a huggingface.co/papers link. Undefined when the text names no arXiv paper.
 */
export function parseArxivReference(input: string): ArxivRef | undefined {
  let text = input.trim().replace(/^<|>$/g, "");
  text = text.replace(/^arxiv:\s*/i, "");
  const url =
    /^(?:https?:\/\/)?(?:www\.|export\.)?(arxiv\.org|huggingface\.co)\/(abs|pdf|papers)\/(.+)$/i.exec(text);
  if (url) {
    const [, host, kind, rest = ""] = url;
    if (host?.toLowerCase() === "huggingface.co" && kind !== "papers") return undefined;
    if (host?.toLowerCase() === "arxiv.org" && kind === "papers") return undefined;
    text = rest
      .replace(/[?#].*$/, "")
      .replace(/\/$/, "")
      .replace(/\.pdf$/i, "");
  }
  return parseBareArxivId(text);
}

export function arxivLinks(id: string): { abstract: string; pdf: string } {
  return { abstract: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` };
}
