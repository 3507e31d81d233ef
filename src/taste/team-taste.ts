// A team's taste: a linear model trained on its saves (and dismissals) against a background sample of the corpus.

import { dot, type PaperVectors, type SparseVector } from "../search/paper-vectors.js";
import type { DismissalRecord, SaveRecord } from "../store/records.js";
import { type Example, type LinearModel, margin, type TrainOptions, trainLogistic } from "./linear-model.js";

export interface TasteSettings {
  /** A save counts half as much after this many days. */
  saveHalfLifeDays: number;
  /** How many corpus papers stand in as "not saved" examples. */
  backgroundSample: number;
  /** How much a dismissal counts against a save (1 = as much). */
  dismissalWeight: number;
  /** The SGD's epochs, L2 strength and learning rate (linear-model.ts's defaults when left out). */
  training?: TrainOptions;
}

export const DEFAULT_TASTE: TasteSettings = {
  saveHalfLifeDays: 180,
  backgroundSample: 400,
  dismissalWeight: 2,
};

export interface SignalPaper {
  id: string;
  vector: SparseVector;
  /** Who here saved (or dismissed) it. */
  people: Set<string>;
}

const DAY_MS = 86_400_000;

function byPaper<T extends { paperId: string; userId: string }>(
  records: readonly T[],
  vectors: PaperVectors,
  when: (record: T) => string,
): { papers: SignalPaper[]; newest: Map<string, string> } {
  const people = new Map<string, Set<string>>();
  const newest = new Map<string, string>();
  for (const record of records) {
    if (!vectors.has(record.paperId)) continue;
    const set = people.get(record.paperId) ?? new Set<string>();
    set.add(record.userId);
    people.set(record.paperId, set);
    const at = when(record);
    if ((newest.get(record.paperId) ?? "") < at) newest.set(record.paperId, at);
  }
  const papers = [...people].map(([id, set]) => ({
    id,
    vector: vectors.vector(id) as SparseVector,
    people: set,
  }));
  papers.sort((a, b) => a.id.localeCompare(b.id));
  return { papers, newest };
}

/** A stable per-team offset, so teams' background samples differ but each team's is the same every time. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** What a team's taste says of one paper, whatever channel of the team asks. */
export interface PaperJudgement {
  vector: SparseVector;
  /** The model's belief that the team wants the paper, 0..1 (0.5 = no opinion). */
  belief: number;
  near: { paper: SignalPaper; similarity: number } | undefined;
  dismissedNear: { paper: SignalPaper; similarity: number } | undefined;
}

/**
 * Judgements kept per taste: a digest tick asks the same team about the same day's arrivals once per
 * channel (ten channels a team in the benchmark), and a taste lives at most a day. The bound only
 * guards against a corpus-wide caller.
 */
const MAX_JUDGEMENTS = 50_000;

export class TeamTaste {
  private readonly judgements = new Map<string, PaperJudgement>();
  private savedIndex: NearestIndex | undefined;
  private dismissedIndex: NearestIndex | undefined;

  private constructor(
    readonly saved: readonly SignalPaper[],
    readonly dismissed: readonly SignalPaper[],
    readonly model: LinearModel | undefined,
    private readonly centroid: SparseVector | undefined,
  ) {}

  /**
   * The belief and the closest saved and dismissed papers for paper `id` (undefined when it has no
   * vector), worked out once per taste: a taste lives at most a day, and a paper's vector moves only
   * when the corpus doubles.
   */
  judge(id: string, vectors: PaperVectors): PaperJudgement | undefined {
    const kept = this.judgements.get(id);
    if (kept) return kept;
    const vector = vectors.vector(id);
    if (!vector) return undefined;
    this.savedIndex ??= new NearestIndex(this.saved);
    this.dismissedIndex ??= new NearestIndex(this.dismissed);
    const judgement = {
      vector,
      belief: this.belief(vector),
      near: this.savedIndex.nearest(vector),
      dismissedNear: this.dismissedIndex.nearest(vector),
    };
    if (this.judgements.size >= MAX_JUDGEMENTS) this.judgements.clear();
    this.judgements.set(id, judgement);
    return judgement;
  }

  /** True when the team has said anything (a save or a dismissal): without it, only topics and the crowd rank. */
  get known(): boolean {
    return this.model !== undefined;
  }

  static train(
    signals: { workspace: string; saves: readonly SaveRecord[]; dismissals: readonly DismissalRecord[] },
    vectors: PaperVectors,
    now: Date,
    settings: TasteSettings = DEFAULT_TASTE,
  ): TeamTaste {
    const saved = byPaper(signals.saves, vectors, (s) => s.savedAt);
    const dismissed = byPaper(signals.dismissals, vectors, (d) => d.dismissedAt);
    if (saved.papers.length === 0 && dismissed.papers.length === 0)
      return new TeamTaste([], [], undefined, undefined);
    const examples: Example[] = [];
    for (const paper of saved.papers) {
      const ageDays = Math.max(0, (now.getTime() - Date.parse(saved.newest.get(paper.id) ?? "")) / DAY_MS);
      const decay = Number.isFinite(ageDays) ? 0.5 ** (ageDays / settings.saveHalfLifeDays) : 1;
      // More people saving a paper says more, with diminishing returns.
      examples.push({ vector: paper.vector, label: 1, weight: (1 + Math.log2(paper.people.size)) * decay });
    }
    for (const paper of dismissed.papers) {
      examples.push({ vector: paper.vector, label: 0, weight: settings.dismissalWeight * paper.people.size });
    }
    const signalled = new Set([...saved.papers, ...dismissed.papers].map((p) => p.id));
    const rows = vectors.rowCount();
    const sample = Math.min(settings.backgroundSample, rows);
    const stride = Math.max(1, Math.floor(rows / Math.max(1, sample)));
    const offset = seedOf(signals.workspace) % stride;
    for (let r = offset; r < rows && examples.length < sample + signalled.size; r += stride) {
      if (signalled.has(vectors.idAt(r))) continue;
      examples.push({ vector: vectors.rowAt(r), label: 0, weight: 1 });
    }
    const model = saved.papers.length > 0 ? trainLogistic(examples, settings.training) : undefined;
    return new TeamTaste(
      saved.papers,
      dismissed.papers,
      model ?? { slots: new Uint32Array(0), values: new Float32Array(0), bias: 0 },
      centroidOf(examples.filter((e) => e.label === 1)),
    );
  }

  /** The model's belief that the team wants the paper, 0..1 (0.5 = no opinion). */
  belief(vector: SparseVector): number {
    if (!this.model || this.saved.length === 0) return 0.5;
    return 1 / (1 + Math.exp(-margin(this.model, vector)));
  }

  /** Cosine to the (save-weighted) mean of the saved papers: what the saves have in common. */
  centroidSimilarity(vector: SparseVector): number {
    return this.centroid ? dot(this.centroid, vector) : 0;
  }

  /**
   * The saves' mean moved toward `neighbours` by `toward` (pseudo-relevance feedback) and away from
   * the papers marked not for us by `away` (Rocchio's negative feedback: what a dismissed paper says
   * is taken out of the interest, so its neighbours sink instead of filling its place); a feature
   * left negative is dropped. Undefined without saves.
   */
  widenedCentroid(neighbours: readonly SparseVector[], toward: number, away = 0): SparseVector | undefined {
    if (!this.centroid) return undefined;
    const moves = [
      ...(toward > 0 ? neighbours.map((vector) => ({ vector, weight: toward / neighbours.length })) : []),
      ...(away > 0
        ? this.dismissed.map((d) => ({ vector: d.vector, weight: -away / this.dismissed.length }))
        : []),
    ];
    if (moves.length === 0) return this.centroid;
    return centroidOf([{ vector: this.centroid, weight: 1 }, ...moves]);
  }
}

/**
 * The signal papers' features inverted (slot → which papers have it, with what weight): the closest
 * of a team's few dozen saves is then one pass over the candidate's features, not a merge per save.
 */
class NearestIndex {
  private readonly postings = new Map<number, { papers: number[]; weights: number[] }>();
  private readonly sums: Float64Array;

  constructor(private readonly papers: readonly SignalPaper[]) {
    this.sums = new Float64Array(papers.length);
    papers.forEach((paper, index) => {
      const { slots, weights } = paper.vector;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as number;
        let posting = this.postings.get(slot);
        if (!posting) {
          posting = { papers: [], weights: [] };
          this.postings.set(slot, posting);
        }
        posting.papers.push(index);
        posting.weights.push(weights[i] as number);
      }
    });
  }

  /** The same answer as a dot product with each paper: the first of the most similar, undefined without papers. */
  nearest(vector: SparseVector): { paper: SignalPaper; similarity: number } | undefined {
    if (this.papers.length === 0) return undefined;
    const sums = this.sums.fill(0);
    for (let i = 0; i < vector.slots.length; i++) {
      const posting = this.postings.get(vector.slots[i] as number);
      if (!posting) continue;
      const w = vector.weights[i] as number;
      for (let k = 0; k < posting.papers.length; k++) {
        const index = posting.papers[k] as number;
        sums[index] = (sums[index] as number) + w * (posting.weights[k] as number);
      }
    }
    let best = 0;
    for (let index = 1; index < sums.length; index++)
      if ((sums[index] as number) > (sums[best] as number)) best = index;
    return { paper: this.papers[best] as SignalPaper, similarity: sums[best] as number };
  }
}

/** The weighted sum of `parts`, its non-positive features dropped, L2-normalized. */
function centroidOf(parts: readonly { vector: SparseVector; weight: number }[]): SparseVector | undefined {
  if (parts.length === 0) return undefined;
  const sum = new Map<number, number>();
  for (const { vector, weight } of parts) {
    for (let i = 0; i < vector.slots.length; i++) {
      const slot = vector.slots[i] as number;
      sum.set(slot, (sum.get(slot) ?? 0) + weight * (vector.weights[i] as number));
    }
  }
  for (const [slot, value] of sum) if (value <= 0) sum.delete(slot);
  const slots = Uint32Array.from([...sum.keys()].sort((a, b) => a - b));
  const weights = Float32Array.from(slots, (slot) => sum.get(slot) as number);
  let norm = 0;
  for (const w of weights) norm += w * w;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) * scale;
  return { slots, weights };
}
