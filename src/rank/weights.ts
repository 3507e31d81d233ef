// The knobs of the team ranking, read from config/default.json's "ranking".

export interface RankingWeights {
  popularity: number;
  freshness: number;
  teamInterest: number;
  topic: number;
  freshnessHalfLifeDays: number;
  /** MMR trade-off: 1 = relevance only, 0 = diversity only. */
  diversity: number;
}
