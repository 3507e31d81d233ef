// Measures what durable writes cost: one save, a burst of saves and a corpus write, on lowdb's JSONFile and on
// the store's own file with and without fsync. Run: npx tsx tests/reliability/durability-cost.ts [papers]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JSONFile } from "lowdb/node";
import { newPaper } from "../../src/papers/merge.js";
import type { Paper } from "../../src/papers/paper.js";
import { DurableJsonFile } from "../../src/store/durable-json-file.js";
import { type CorpusFile, LowStore } from "../../src/store/low-store.js";
import type { WorkspaceState } from "../../src/store/records.js";
import { parsedSeedPapers } from "../helpers/seeds.js";

type Writer = "lowdb JSONFile" | "durable, no fsync" | "durable, fsync";
const WRITERS: Writer[] = ["lowdb JSONFile", "durable, no fsync", "durable, fsync"];

function adapters(dir: string, writer: Writer) {
  const corpus = join(dir, "papers.json");
  const state = join(dir, "state.json");
  if (writer === "lowdb JSONFile")
    return [new JSONFile<CorpusFile>(corpus), new JSONFile<WorkspaceState>(state)] as const;
  const fsync = writer === "durable, fsync";
  return [
    new DurableJsonFile<CorpusFile>(corpus, { fsync }),
    new DurableJsonFile<WorkspaceState>(state, { fsync }),
  ] as const;
}

function corpusOf(size: number): Paper[] {
  const seeds = parsedSeedPapers().map(newPaper);
  return Array.from({ length: size }, (_, i) => {
    const seed = seeds[i % seeds.length] as Paper;
    return { ...seed, id: `${seed.id}-${i}`, title: `${seed.title} (${i})` };
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

async function measure(writer: Writer, papers: Paper[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "paperbot-durability-"));
  try {
    const [corpusFile, stateFile] = adapters(dir, writer);
    const store = await LowStore.open(corpusFile, stateFile);
    let started = performance.now();
    await store.putPapers(papers);
    const corpusMs = performance.now() - started;
    // One save at a time, each acknowledged before the next (a person clicking).
    const single: number[] = [];
    for (let i = 0; i < 200; i++) {
      started = performance.now();
      await store.addSave({
        workspace: "slack:T1",
        userId: `U${i % 20}`,
        paperId: papers[i % papers.length]?.id ?? "",
        savedAt: "2026-01-01T00:00:00Z",
      });
      single.push(performance.now() - started);
    }
    // A burst of 200 saves at once (a digest everyone reacts to): coalesced into few writes.
    started = performance.now();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.addSave({
          workspace: "slack:T1",
          userId: `V${i}`,
          paperId: papers[i % papers.length]?.id ?? "",
          savedAt: "2026-01-01T00:00:00Z",
        }),
      ),
    );
    const burstMs = performance.now() - started;
    return `| ${writer} | ${fmt(percentile(single, 50))} | ${fmt(percentile(single, 99))} | ${fmt(burstMs)} | ${fmt(corpusMs)} |`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const size of sizes.length > 0 ? sizes : [161, 10_000]) {
  const papers = corpusOf(size);
  console.log(`\n${size} papers`);
  console.log("| writer | save p50 ms | save p99 ms | 200 saves at once, ms | corpus write ms |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const writer of WRITERS) console.log(await measure(writer, papers));
}
