// The knobs of the team ranking, read from config/default.json's "ranking" (chosen on the tuning half of the evaluation).

export interface RankingWeights {
  /** Upvotes, once a team has saved something (the evaluation's tuning half chose 0: the team's own signal beats the crowd's). */
  popularity: number;
  /** Upvotes for a team with no saves yet: then the crowd is the best guess. */
  popularityWithoutSaves: number;
  freshness: number;
  /** The team model's belief, rescaled to -1..1. */
  teamInterest: number;
  /** Cosine to the closest paper someone here saved. */
  closeness: number;
  /** Cosine to the closest paper someone here marked not for us (subtracted). */
  dismissal: number;
  topic: number;
  freshnessHalfLifeDays: number;
  /** MMR trade-off among the relevant papers: 1 = relevance only, 0 = diversity only. */
  diversity: number;
  /**
   * Cosine from which a paper is "close to" a saved (or dismissed) one, and a reason says so. Paper
   * vectors are long (96 features, most of them rare pairs and names), so cosines are small: on the
   * seeds, papers of one topic meet at 0.06–0.3 and unrelated ones stay below 0.04.
   */
  closeThreshold: number;
  /**
   * Pseudo-relevance feedback: how far the saves' mean moves toward the candidates closest to it
   * (0 = not at all; 0.5 = those candidates count half as much as the saves).
   */
  expansion: number;
  /** How many of the closest candidates the saves' mean moves toward. */
  expansionPapers: number;
}
