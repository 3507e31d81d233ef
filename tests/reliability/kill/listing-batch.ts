// Listing files for the crash test's ingests: daily-papers layout, titles that name their batch, so a check can count them.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

const TOPICS = [
  "sparse attention",
  "federated averaging",
  "reward shaping",
  "graph pooling",
  "token merging",
];

export function batchTitle(batch: number, index: number): string {
  return `Crash Batch ${batch} Paper ${index}: Durable ${TOPICS[(batch + index) % TOPICS.length]} at Scale`;
}

/** The listing text of one batch, in the layout of the seed files 001–004. */
export function listingBatch(batch: number, size: number): string {
  const header = ["new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers"];
  const blocks = [...header, "byAK and the research community", "Nov 20"];
  for (let i = 0; i < size; i++) {
    const topic = TOPICS[(batch + i) % TOPICS.length];
    blocks.push(
      batchTitle(batch, i),
      `We study ${topic} under crashes. Batch ${batch}, paper ${i}, is written whole or not at all; ` +
        "the store replaces its files atomically and flushes them before it acknowledges a write. ".repeat(4),
      `  • ${2 + (i % 3)} authors\n·\nNov ${1 + (i % 19)}, 2026 ${i % 7}`,
    );
  }
  return `${blocks.join("\n\n")}\n`;
}

export async function writeListingBatch(dir: string, batch: number, size: number): Promise<string> {
  const path = join(dir, `batch-${String(batch).padStart(4, "0")}.txt`);
  await writeFile(path, listingBatch(batch, size));
  return path;
}
