// What every parser returns: the papers it read, and warnings that point at lines.
import type { ParsedPaper } from "../papers/paper.js";

export interface ParseWarning {
  line: number;
  message: string;
}

export interface ParseResult {
  papers: ParsedPaper[];
  warnings: ParseWarning[];
}

export interface ParseContext {
  /** The file name or URL being read, recorded in each paper's sighting. */
  ref: string;
  /** The reference day for yearless dates, ISO. */
  asOf: string;
  /** When the read happens, ISO timestamp. */
  seenAt: string;
}

/** Limits that keep garbage from becoming a paper. */
export const TITLE_MAX_CHARS = 400;
export const ABSTRACT_MIN_CHARS = 80;
