// Reads a fixture's papers straight from its JSON file, for measurements that need the papers but not the store.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Paper } from "../src/papers/paper.js";
import { CORPUS_FILE } from "../src/store/low-store.js";
import { corpusFixture } from "./fixture.js";

export async function loadPapers(size: number): Promise<Paper[]> {
  const dir = await corpusFixture(size);
  const data = JSON.parse(await readFile(join(dir, CORPUS_FILE), "utf8")) as { papers: Paper[] };
  return data.papers;
}
