// How many queries each search measurement runs: all of ours, and for the slow baselines a prefix of the same list.

export const QUERY_COUNT = 500;

/**
 * natural's TfIdf scans every document per query (~0.4 s at 100k papers), so at large N the baselines
 * run the first 100 queries; paperbot's figures on that same prefix are what the ratios compare.
 */
export function baselineQueryCount(size: number, smoke: boolean): number {
  if (smoke) return 20;
  return size >= 50_000 ? 100 : QUERY_COUNT;
}
