// SearchIndex.restore in two steps, for a thread that holds the index file but not the papers: which papers it needs, then the index.
import type { Paper } from "../papers/paper.js";
import type { IndexSnapshot, SearchIndex } from "./search-index.js";

/**
 * The positions in `ids` of the papers `SearchIndex.restore` may re-index: those the snapshot does
 * not hold, or holds with another fingerprint (`prints`, in `ids`' order). An id listed again is asked
 * for again, as the later copy may differ from what the first one left indexed.
 */
export function stalePositions(
  snapshot: IndexSnapshot,
  ids: readonly string[],
  prints: Uint32Array,
): Uint32Array {
  const docOf = new Map<string, number>();
  snapshot.ids.forEach((id, doc) => {
    if (id !== "") docOf.set(id, doc);
  });
  const seen = new Uint8Array(snapshot.ids.length);
  const stale: number[] = [];
  for (let at = 0; at < ids.length; at++) {
    const doc = docOf.get(ids[at] as string);
    if (doc === undefined || snapshot.fingerprints[doc] !== prints[at] || seen[doc] === 1) stale.push(at);
    if (doc !== undefined) seen[doc] = 1;
  }
  return Uint32Array.from(stale);
}

/**
 * What `SearchIndex.restore(snapshot, papers, prints)` gives, from `loaded` (`SearchIndex.load(snapshot)`,
 * nothing changed since), the papers' ids and fingerprints, and only the papers at `positions` (from
 * `stalePositions`, in that order): the others are not read, as restore reads no more than the id of a
 * paper whose fingerprint matches.
 */
export function restoreByPrints(
  loaded: SearchIndex,
  ids: readonly string[],
  prints: Uint32Array,
  positions: Uint32Array,
  papers: readonly Paper[],
): { index: SearchIndex; changed: number } {
  const fetched = new Map<number, Paper>();
  for (let i = 0; i < positions.length; i++) fetched.set(positions[i] as number, papers[i] as Paper);
  const list = ids.map((id, at) => fetched.get(at) ?? ({ id } as Paper));
  return { index: loaded, changed: loaded.catchUp(list, prints) };
}
