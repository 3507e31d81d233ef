// Reading listing files from disk (the seeds, or files a user names) into the store.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { isUserError, UserError } from "../errors.js";
import type { Paper, ParsedPaper } from "../papers/paper.js";
import type { Store } from "../store/store.js";
import { BATCH_CHUNK } from "./enricher.js";
import { type IngestCounts, mergeIntoCorpus } from "./ingest.js";
import { withOwnText } from "./own-text.js";
import { parseListing } from "./parse-listing.js";
import type { ParseWarning } from "./parse-result.js";
import { type Progress, SILENT } from "./progress.js";

export interface FileReport {
  path: string;
  layout?: string;
  papers: number;
  warnings: ParseWarning[];
  /** Why the whole file was refused, when it was. */
  rejected?: string;
}

export interface FilesIngestReport extends IngestCounts {
  files: FileReport[];
  /** Entries a parser skipped, plus files refused whole. */
  rejected: number;
  changed: Paper[];
}

/** Transforms papers before they are stored (summaries, key phrases); identity by default. */
export type Enrich = (papers: Paper[]) => Paper[];

/** The source name listing files are reported under in `stats` and `digest status`. */
export const LISTING_FILES_SOURCE = "listing files";

const MAX_FILE_BYTES = 50 * 1024 * 1024;

async function listingFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new UserError(
        "no-such-path",
        `${path} does not exist.`,
        "Name a listing file or a folder of them.",
      );
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => !name.startsWith(".")).sort();
      files.push(...names.map((name) => join(path, name)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Summaries in the enricher's own batches (the same result as one call), so progress can be told between
 * them; each summarized paper takes its unsummarized version's place in `papers`, which is not kept twice.
 */
function enrichInSteps(enrich: Enrich, papers: Paper[], progress: Progress): Paper[] {
  if (papers.length === 0) return enrich(papers);
  progress.stage("summarizing", papers.length);
  for (let at = 0; at < papers.length; at += BATCH_CHUNK) {
    const step = enrich(papers.slice(at, at + BATCH_CHUNK));
    for (let i = 0; i < step.length; i++) papers[at + i] = step[i] as Paper;
    progress.advance(step.length);
  }
  return papers;
}

/** One listing file's papers and report; a file too large or in no known layout is refused, not thrown. */
async function readListingFile(
  path: string,
  options: { asOf: string; now: Date; arrivedAt?: Date },
): Promise<{ file: FileReport; papers: ParsedPaper[]; skipped: number }> {
  const info = await stat(path);
  if (info.size > MAX_FILE_BYTES) {
    const rejected = `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
    return { file: { path, papers: 0, warnings: [], rejected }, papers: [], skipped: 0 };
  }
  const text = await readFile(path, "utf8");
  try {
    const result = parseListing(text, {
      ref: basename(path),
      asOf: options.asOf,
      seenAt: (options.arrivedAt ?? options.now).toISOString(),
    });
    const skipped = result.warnings.filter((w) => w.message.includes("skipped")).length;
    const file = { path, layout: result.layout, papers: result.papers.length, warnings: result.warnings };
    // Copied out of the file's text, which can go as soon as this returns.
    return { file, papers: result.papers.map(withOwnText), skipped };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { file: { path, papers: 0, warnings: [], rejected: error.describe() }, papers: [], skipped: 0 };
  }
}

export async function ingestFiles(
  store: Store,
  paths: readonly string[],
  options: {
    asOf: string;
    now: Date;
    /** When the papers count as first stored (their arrival day for the digest); default `now`. */
    arrivedAt?: Date;
    enrich?: Enrich;
    progress?: Progress;
  },
): Promise<FilesIngestReport> {
  const files = await listingFiles(paths);
  const reports: FileReport[] = [];
  const parsed: ParsedPaper[] = [];
  let skippedEntries = 0;
  for (const path of files) {
    const report = await readListingFile(path, options);
    reports.push(report.file);
    skippedEntries += report.skipped;
    for (const paper of report.papers) parsed.push(paper);
  }
  const progress = options.progress ?? SILENT;
  const read = parsed.length;
  progress.stage("merging", read);
  const outcome = mergeIntoCorpus(store.corpus, parsed);
  // Merged, the parsed copies are garbage: let them go before summaries and the write need the memory.
  parsed.length = 0;
  progress.advance(read);
  const changed = options.enrich ? enrichInSteps(options.enrich, outcome.changed, progress) : outcome.changed;
  progress.stage("saving", changed.length);
  if (changed.length > 0) await store.putPapers(changed);
  progress.advance(changed.length);
  progress.done();
  const at = options.now.toISOString();
  const previous = store.sourceStatuses().find((s) => s.name === LISTING_FILES_SOURCE);
  await store.putSourceStatus({
    ...previous,
    name: LISTING_FILES_SOURCE,
    lastAttemptAt: at,
    lastSuccessAt: at,
    lastCount: read,
  });
  return {
    ...outcome.counts,
    files: reports,
    rejected: skippedEntries + reports.filter((r) => r.rejected).length,
    changed,
  };
}
