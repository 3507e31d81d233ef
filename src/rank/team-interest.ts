// What a team cares about, from what its members saved: each paper's closeness to the team's saves, with a reason.
import type { Paper } from "../papers/paper.js";
import type { SaveRecord } from "../store/records.js";

/** Papers close to a given one by content, best first, with scores on any positive scale. */
export type Neighbors = (paperId: string, limit: number) => { id: string; score: number }[];

const NEIGHBORS_PER_SAVE = 60;

function people(n: number): string {
  return n === 1 ? "1 person here saved" : `${n} people here saved`;
}

export function teamInterest(
  saves: readonly SaveRecord[],
  neighbors: Neighbors,
  paperById: (id: string) => Paper | undefined,
): Map<string, { score: number; reason?: string }> {
  const saversByPaper = new Map<string, Set<string>>();
  for (const save of saves) {
    const set = saversByPaper.get(save.paperId) ?? new Set<string>();
    set.add(save.userId);
    saversByPaper.set(save.paperId, set);
  }
  const raw = new Map<string, number>();
  const contributors = new Map<string, string[]>();
  for (const [savedId, savers] of saversByPaper) {
    const list = neighbors(savedId, NEIGHBORS_PER_SAVE);
    const best = list[0]?.score ?? 0;
    if (best <= 0) continue;
    for (const { id, score } of list) {
      if (id === savedId) continue;
      // More people saving a paper makes its neighbourhood count more, with diminishing returns.
      const weight = (score / best) * (1 + Math.log2(savers.size));
      raw.set(id, (raw.get(id) ?? 0) + weight);
      const sources = contributors.get(id);
      if (sources) sources.push(savedId);
      else contributors.set(id, [savedId]);
    }
  }
  let max = 0;
  for (const value of raw.values()) max = Math.max(max, value);
  // Each saved paper's text is read once, not once per paper it is close to.
  const savedTexts = new Map<string, string>();
  const savedText = (id: string): string => {
    let text = savedTexts.get(id);
    if (text === undefined) {
      const paper = paperById(id);
      text = `${paper?.title ?? ""} ${(paper?.keyphrases ?? []).join(" ")}`.toLowerCase();
      savedTexts.set(id, text);
    }
    return text;
  };
  const out = new Map<string, { score: number; reason?: string }>();
  for (const [id, value] of raw) {
    const sources = contributors.get(id) ?? [];
    const savers = new Set<string>();
    for (const source of sources) for (const saver of saversByPaper.get(source) ?? []) savers.add(saver);
    out.set(id, {
      score: max > 0 ? value / max : 0,
      reason: reasonFor(paperById(id), sources, savedText, paperById, savers.size),
    });
  }
  return out;
}

/** "3 people here saved papers on model merging": the key phrase the paper shares with the saves. */
function reasonFor(
  paper: Paper | undefined,
  sources: readonly string[],
  savedText: (id: string) => string,
  paperById: (id: string) => Paper | undefined,
  saverCount: number,
): string | undefined {
  if (!paper || saverCount === 0) return undefined;
  const shared = (paper.keyphrases ?? []).find((phrase) => {
    const wanted = phrase.toLowerCase();
    return sources.some((source) => savedText(source).includes(wanted));
  });
  if (shared) return `${people(saverCount)} papers on ${shared}`;
  const closest = sources[0] === undefined ? undefined : paperById(sources[0])?.title;
  return closest
    ? `close to “${closest}”, which ${saverCount === 1 ? "someone here" : `${saverCount} people here`} saved`
    : undefined;
}
