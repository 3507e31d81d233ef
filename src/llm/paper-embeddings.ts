// Each paper's embedding (title and abstract), written in batches in the background and appended to a file, so a restart resumes.
import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import type { LanguageModel } from "./port.js";

/** Papers sent in one embeddings call: few enough for any server's input limit. */
export const EMBED_BATCH = 32;
/** Characters of a paper embedded: the title and the abstract's opening say what it is about. */
const MAX_TEXT_CHARS = 2_000;
/** Whose daily token budget the background embedding spends. */
export const EMBEDDINGS_WORKSPACE = "paperbot:embeddings";

/** The file of one embeddings model's vectors in a data directory: another model starts its own. */
export function embeddingsFileName(model: string): string {
  return `embeddings-${model.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80)}.jsonl`;
}

/** What is embedded for a paper. */
export function embeddingText(paper: Paper): string {
  return `${paper.title}\n\n${paper.abstract}`.slice(0, MAX_TEXT_CHARS);
}

/** A short fingerprint of the embedded text: a paper whose text changed is embedded again. */
function fingerprint(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 12);
}

/** The vector scaled to length 1, so a dot product is the cosine. */
export function unit(vector: readonly number[]): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}

interface Line {
  id: string;
  h: string;
  v: string;
}

export interface PaperEmbeddings {
  readonly size: number;
  get(paperId: string): Float32Array | undefined;
  entries(): IterableIterator<[string, Float32Array]>;
  /**
   * Embeds the papers that have no vector for their current text, EMBED_BATCH at a time, keeping each
   * batch before the next; stops at the first failure (budget, server down: the next run resumes) or
   * when `signal` aborts. Resolves to how many papers were embedded.
   */
  embedMissing(papers: Iterable<Paper>, signal?: AbortSignal): Promise<number>;
}

/**
 * The vectors, read from `file` (one JSON line a paper, the latest line winning; a torn last line from
 * a crash is skipped) and appended to it after each batch. Without `file`, kept in memory only.
 */
export async function openPaperEmbeddings(options: {
  model: LanguageModel;
  log: Logger;
  file?: string;
}): Promise<PaperEmbeddings> {
  const { model, file } = options;
  const log = options.log.child({ component: "embeddings" });
  const vectors = new Map<string, { hash: string; vector: Float32Array }>();
  if (file) {
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "";
      throw error;
    });
    for (const raw of text.split("\n")) {
      if (!raw) continue;
      try {
        const line = JSON.parse(raw) as Line;
        const bytes = Buffer.from(line.v, "base64");
        const vector = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
        vectors.set(line.id, { hash: line.h, vector: Float32Array.from(vector) });
      } catch {
        // a line cut short by a crash: that paper is embedded again
      }
    }
    await mkdir(dirname(file), { recursive: true });
  }
  let running: Promise<number> | undefined;

  async function run(papers: Iterable<Paper>, signal?: AbortSignal): Promise<number> {
    const embed = model.embed;
    if (!embed) return 0;
    const missing = [...papers]
      .map((paper) => ({ paper, text: embeddingText(paper) }))
      .filter(({ paper, text }) => vectors.get(paper.id)?.hash !== fingerprint(text));
    let done = 0;
    for (let start = 0; start < missing.length && !signal?.aborted; start += EMBED_BATCH) {
      const batch = missing.slice(start, start + EMBED_BATCH);
      let answer: number[][];
      try {
        answer = await embed(
          EMBEDDINGS_WORKSPACE,
          batch.map((b) => b.text),
        );
      } catch (error) {
        log.warn({ err: error, embedded: done, left: missing.length - done }, "paper embedding paused");
        break;
      }
      const lines: string[] = [];
      batch.forEach(({ paper, text }, i) => {
        const vector = unit(answer[i] ?? []);
        const hash = fingerprint(text);
        vectors.set(paper.id, { hash, vector });
        const v = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString("base64");
        lines.push(JSON.stringify({ id: paper.id, h: hash, v } satisfies Line));
      });
      if (file) await appendFile(file, `${lines.join("\n")}\n`);
      done += batch.length;
    }
    if (done > 0) log.info({ embedded: done, total: vectors.size }, "papers embedded");
    return done;
  }

  return {
    get size() {
      return vectors.size;
    },
    get: (id) => vectors.get(id)?.vector,
    *entries() {
      for (const [id, { vector }] of vectors) yield [id, vector];
    },
    embedMissing(papers, signal) {
      // One run at a time: a second caller waits for the first rather than embedding the same papers.
      if (!running)
        running = run(papers, signal).finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
