// Listing files of N generated papers in the compact layout (what `paperbot ingest FOLDER` reads), written once and reused across runs.
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Paper } from "../src/papers/paper.js";
import { DEFAULT_SEED, generateCorpus } from "./corpus.js";
import { fixtureRoot } from "./fixture.js";

/** Papers a file: a folder of 100 files at 100k, as a year of daily listings would be. */
export const PAPERS_PER_FILE = 1_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `LGMar 14, 2022`: the upvotes as the score (when any), the category's code, the publication day. */
function metaLine(paper: Paper): string {
  const code = paper.categories[0]?.split(".").at(-1)?.toUpperCase() ?? "LG";
  const [year, month, day] = (paper.published ?? "2025-01-01").split("-").map(Number);
  const score = paper.upvotes === undefined ? "" : String(paper.upvotes);
  return `${score}${/^[A-Z]{2,4}$/.test(code) ? code : "LG"}${MONTHS[(month ?? 1) - 1]} ${day}, ${year}`;
}

/** Three lines a paper: meta, the title glued to its authors (an organisation first when it has one), the abstract. */
export function compactListing(papers: readonly Paper[]): string {
  return papers
    .map((paper) => {
      // The parser finds the first name by its capital and lower-case letter ("MetaAI", not "MIT").
      const org = paper.organization?.replace(/\s+/g, "");
      const names = org && /^\p{Lu}\p{Ll}/u.test(org) ? [org, ...paper.authors] : paper.authors;
      // A comma would end the title early: the first comma is where the layout's author list is looked for.
      const title = paper.title.replace(/,\s*/g, " ");
      return `${metaLine(paper)}\n${title}${names.join(", ")}\n${paper.abstract.replace(/\s+/g, " ")}\n`;
    })
    .join("\n");
}

/** A folder of the N-paper corpus as compact listing files, keyed by size and seed outside the repository. */
export async function listingFixture(size: number, seed = DEFAULT_SEED): Promise<string> {
  const dir = join(fixtureRoot(), `listings-${size}-${seed}-c2`);
  if (existsSync(dir)) return dir;
  const building = `${dir}.building-${process.pid}`;
  await mkdir(building, { recursive: true });
  const papers = generateCorpus(size, seed);
  for (let at = 0, file = 0; at < papers.length; at += PAPERS_PER_FILE, file++) {
    const name = `listing-${String(file).padStart(4, "0")}.txt`;
    await writeFile(join(building, name), compactListing(papers.slice(at, at + PAPERS_PER_FILE)));
  }
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  return dir;
}
