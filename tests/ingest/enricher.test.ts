import { describe, expect, it } from "vitest";
import { createEnricher } from "../../src/ingest/enricher.js";
import { Corpus } from "../../src/papers/corpus.js";
import { testSettings } from "../helpers/core.js";
import { seedCorpus } from "../helpers/seeds.js";

describe("the enricher at start", () => {
  const stored = () => [...seedCorpus().all()];
  const batch = () => stored().slice(0, 5);

  it("counts nothing before ready, yet a batch that comes first is judged against the whole eager sample", async () => {
    const settings = testSettings();
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      ready = resolve;
    });
    // Before ready: no slice has run, so only the batch's own counting can bring the sample in.
    const early = createEnricher(new Corpus(stored()), settings, { warmUpAfter: started });
    const earlyPhrases = early(batch()).map((paper) => paper.keyphrases);

    const warm = createEnricher(new Corpus(stored()), settings);
    await warm.warmed;
    expect(earlyPhrases).toEqual(warm(batch()).map((paper) => paper.keyphrases));

    const blind = createEnricher(new Corpus(stored()), settings, { eagerPapers: 0, warmUpAfter: started });
    expect(blind(batch()).map((paper) => paper.keyphrases)).not.toEqual(earlyPhrases);
    ready();
    await early.warmed;
  });
});
