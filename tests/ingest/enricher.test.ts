import { describe, expect, it } from "vitest";
import { COUNTED_CHUNK, createEnricher } from "../../src/ingest/enricher.js";
import { Corpus } from "../../src/papers/corpus.js";
import type { Paper } from "../../src/papers/paper.js";
import { summarizePaper } from "../../src/summarize/enrich.js";
import { KeyphraseModel } from "../../src/summarize/keyphrases.js";
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

describe("the enricher on a large batch", () => {
  const papers = () => [...seedCorpus().all()];
  /** The key phrases of `batch` summarized against `model`, counting `chunk` papers of it before summarizing them. */
  const inChunks = (model: KeyphraseModel, batch: Paper[], chunk: number) =>
    Array.from({ length: Math.ceil(batch.length / chunk) }, (_, k) => batch.slice(k * chunk, (k + 1) * chunk))
      .flatMap((part) => {
        for (const paper of part) model.add(paper.title, paper.abstract);
        return part.map((paper) =>
          summarizePaper(paper, model, { maxChars: testSettings().summary.maxChars }),
        );
      })
      .map((paper) => paper.keyphrases);

  it("counts a whole batch before summarizing any of it while the model has counted less than its sample", () => {
    const batch = papers();
    const enrich = createEnricher(new Corpus(), testSettings());
    expect(enrich(batch).map((paper) => paper.keyphrases)).toEqual(
      inChunks(new KeyphraseModel(), batch, batch.length),
    );
  });

  it("sizes each chunk by the papers counted when it starts: whole below the sample, 50 from it on", () => {
    const batch = papers();
    const enrich = createEnricher(new Corpus(), testSettings(), { samplePapers: 60 });
    // The first chunk (the whole batch, under 2,000) is counted before the model reaches 60 papers.
    expect(enrich(batch.slice(0, 30)).map((paper) => paper.keyphrases)).toEqual(
      inChunks(new KeyphraseModel(), batch.slice(0, 30), 30),
    );
    const model = new KeyphraseModel(batch.slice(0, 30));
    const rest = batch.slice(30);
    // 30 counted when it starts: this batch is one chunk, though it takes the count past 60.
    expect(enrich(rest).map((paper) => paper.keyphrases)).toEqual(inChunks(model, rest, rest.length));
    // As `paperbot ingest` calls it, a slice at a time: a slice that starts past the sample goes 50 at a time.
    const late = createEnricher(new Corpus(), testSettings(), { samplePapers: 60 });
    late(batch.slice(0, 70));
    const lateModel = new KeyphraseModel(batch.slice(0, 70));
    expect(late(batch.slice(70)).map((paper) => paper.keyphrases)).toEqual(
      inChunks(lateModel, batch.slice(70), COUNTED_CHUNK),
    );
  });

  it("then counts and summarizes a batch a small chunk at a time, holding few papers' candidates", async () => {
    const stored = papers().slice(0, 40);
    const batch = papers().slice(40);
    const enrich = createEnricher(new Corpus(stored), testSettings(), { samplePapers: stored.length });
    await enrich.warmed;
    const phrases = enrich(batch).map((paper) => paper.keyphrases);
    expect(phrases).toEqual(inChunks(new KeyphraseModel(stored), batch, COUNTED_CHUNK));
    // Counted whole, the batch's later papers would have made some of its earlier ones' phrases common.
    expect(phrases).not.toEqual(inChunks(new KeyphraseModel(stored), batch, batch.length));
  });
});
