// The ranking evaluation's baselines, re-implemented here: popularity only, tf-idf of saved titles, arxiv-sanity-lite's linear SVM.
import type { Paper } from "../../src/papers/paper.js";

/** A system ranks every candidate for a team that saved `saved`; it returns ids, best first. */
export type RankSystem = (input: {
  saved: readonly Paper[];
  candidates: readonly Paper[];
}) => string[] | Promise<string[]>;

export function popularityOnly(): RankSystem {
  return ({ candidates }) =>
    [...candidates]
      .sort(
        (a, b) =>
          (b.upvotes ?? 0) - (a.upvotes ?? 0) ||
          (b.published ?? "").localeCompare(a.published ?? "") ||
          a.id.localeCompare(b.id),
      )
      .map((p) => p.id);
}

/** scikit-learn's English stop words are long; these are the ones abstracts are full of. */
const STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers him his how i if in into is it its itself just me more most my no nor not of off on once only or
other our ours out over own same she should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while who whom why will with
within without would yet you your`.split(/\s+/),
);

interface Tfidf {
  /** Row per paper: feature ids and l2-normalized weights. */
  rows: { ids: Int32Array; values: Float32Array }[];
  features: number;
  vectorize(text: string): { ids: Int32Array; values: Float32Array };
}

function grams(text: string): string[] {
  // arxiv-sanity-lite's token pattern: \b[a-zA-Z_][a-zA-Z0-9_]+\b, lower case, stop words removed, then 1–2-grams.
  const words = (text.toLowerCase().match(/\b[a-z_][a-z0-9_]+\b/g) ?? []).filter((w) => !STOP.has(w));
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

/**
 * arxiv-sanity-lite's TfidfVectorizer: 1–2-grams over title and abstract, sublinear tf, smooth idf,
 * l2 norm, max_features 20,000, max_df 0.1, min_df 5. With only a few hundred papers, min_df 5 would
 * leave almost nothing, so below 5,000 papers min_df is 2.
 */
export function tfidf(papers: readonly Paper[]): Tfidf {
  const docs = papers.map((p) => grams(`${p.title} ${p.abstract}`));
  const df = new Map<string, number>();
  for (const doc of docs) for (const g of new Set(doc)) df.set(g, (df.get(g) ?? 0) + 1);
  const n = papers.length;
  const minDf = n >= 5_000 ? 5 : 2;
  const kept = [...df].filter(([, d]) => d >= minDf && d <= 0.1 * n);
  // max_features keeps the most frequent terms across the corpus (by document frequency here).
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  kept.length = Math.min(kept.length, 20_000);
  const index = new Map(kept.map(([g], i) => [g, i]));
  const idf = Float32Array.from(kept, ([, d]) => Math.log((1 + n) / (1 + d)) + 1);
  const vectorize = (text: string | string[]) => {
    const counts = new Map<number, number>();
    for (const g of Array.isArray(text) ? text : grams(text)) {
      const id = index.get(g);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const ids = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = Float32Array.from(
      ids,
      (id) => (1 + Math.log(counts.get(id) as number)) * (idf[id] as number),
    );
    let norm = 0;
    for (const v of values) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * scale;
    return { ids, values };
  };
  return { rows: docs.map((doc) => vectorize(doc)), features: kept.length, vectorize };
}

/** The corpus's tf-idf, computed once per corpus (it is the slow part at 100k). */
const tfidfs = new WeakMap<readonly Paper[], Tfidf>();
function tfidfOf(papers: readonly Paper[]): Tfidf {
  let t = tfidfs.get(papers);
  if (!t) {
    t = tfidf(papers);
    tfidfs.set(papers, t);
  }
  return t;
}

function ranked(scores: Float64Array, papers: readonly Paper[], candidates: readonly Paper[]): string[] {
  const rowOf = new Map(papers.map((p, i) => [p.id, i]));
  return candidates
    .map((p) => ({ id: p.id, s: scores[rowOf.get(p.id) as number] as number }))
    .sort((a, b) => b.s - a.s || a.id.localeCompare(b.id))
    .map((x) => x.id);
}

/** The saved papers' titles as one tf-idf query, ranked by cosine against each paper's title and abstract. */
export function tfidfOfSavedTitles(papers: readonly Paper[]): RankSystem {
  return ({ saved, candidates }) => {
    const t = tfidfOf(papers);
    const query = t.vectorize(saved.map((p) => p.title).join(" \n "));
    const dense = new Float32Array(t.features);
    for (let i = 0; i < query.ids.length; i++) dense[query.ids[i] as number] = query.values[i] as number;
    const scores = Float64Array.from(t.rows, (row) => {
      let s = 0;
      for (let i = 0; i < row.ids.length; i++)
        s += (dense[row.ids[i] as number] as number) * (row.values[i] as number);
      return s;
    });
    return ranked(scores, papers, candidates);
  };
}

/**
 * arxiv-sanity-lite's recommendation: LinearSVC(C=0.01, class_weight='balanced') trained with the
 * saved papers as positives and every other paper as a negative, ranked by the decision function.
 * LinearSVC is liblinear's L2-regularized squared-hinge SVM, solved in the dual by coordinate descent
 * (Hsieh et al. 2008), with the intercept as a feature of value 1; that is what this re-implements.
 */
export function linearSvm(
  papers: readonly Paper[],
  options: { C?: number; epochs?: number } = {},
): RankSystem {
  const C = options.C ?? 0.01;
  const epochs = options.epochs ?? 50;
  return ({ saved, candidates }) => {
    const t = tfidfOf(papers);
    const savedIds = new Set(saved.map((p) => p.id));
    const n = papers.length;
    const y = Int8Array.from(papers, (p) => (savedIds.has(p.id) ? 1 : -1));
    const positives = saved.length;
    const negatives = n - positives;
    // class_weight='balanced': n / (2 · count of the class).
    const cOf = (label: number) => C * (label > 0 ? n / (2 * positives) : n / (2 * negatives));
    const w = new Float64Array(t.features + 1);
    const bias = t.features;
    const alpha = new Float64Array(n);
    const qii = Float64Array.from(t.rows, (row, i) => {
      let s = 1; // the intercept feature
      for (const v of row.values) s += v * v;
      return s + 1 / (2 * cOf(y[i] as number));
    });
    let order = Array.from({ length: n }, (_, i) => i);
    let state = 12345;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        const j = state % (i + 1);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      let maxPg = 0;
      for (const i of order) {
        const row = t.rows[i] as { ids: Int32Array; values: Float32Array };
        const yi = y[i] as number;
        let wx = w[bias] as number;
        for (let k = 0; k < row.ids.length; k++)
          wx += (w[row.ids[k] as number] as number) * (row.values[k] as number);
        const a = alpha[i] as number;
        const g = yi * wx - 1 + a / (2 * cOf(yi));
        const pg = a === 0 ? Math.min(g, 0) : g;
        maxPg = Math.max(maxPg, Math.abs(pg));
        if (pg === 0) continue;
        const next = Math.max(a - g / (qii[i] as number), 0);
        const delta = (next - a) * yi;
        alpha[i] = next;
        if (delta === 0) continue;
        for (let k = 0; k < row.ids.length; k++) {
          const id = row.ids[k] as number;
          w[id] = (w[id] as number) + delta * (row.values[k] as number);
        }
        w[bias] = (w[bias] as number) + delta;
      }
      if (maxPg < 1e-4) break;
      order = order.slice();
    }
    const scores = Float64Array.from(t.rows, (row) => {
      let s = w[bias] as number;
      for (let k = 0; k < row.ids.length; k++)
        s += (w[row.ids[k] as number] as number) * (row.values[k] as number);
      return s;
    });
    return ranked(scores, papers, candidates);
  };
}
