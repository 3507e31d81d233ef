// The two scenario checks of issue 14's evaluation: a day's arrivals on the team's topic lead its digest, and a dismissal sinks its kind.
import { generatePaper } from "../../bench/corpus.js";
import { seedMaterial } from "../../bench/seed-material.js";
import { createPaperSearch } from "../../src/core.js";
import { channelHighlights } from "../../src/digest/compose.js";
import type { Paper } from "../../src/papers/paper.js";
import { LowStore } from "../../src/store/low-store.js";
import { testSettings } from "../helpers/core.js";
import { EVAL_NOW, evalCorpus } from "./taste-eval.js";

const TODAY = EVAL_NOW.toISOString().slice(0, 10);

function arrived(paper: Paper, day: string): Paper {
  return { ...paper, sightings: paper.sightings.map((s) => ({ ...s, seenAt: `${day}T06:00:00.000Z` })) };
}

export interface ArrivalsOutcome {
  archive: number;
  arrivals: number;
  onTopicArrivals: number;
  onTopicInTop5: number;
}

/**
 * An archive of `generated` papers (stored a month ago), three people who each saved one archive
 * paper of a generator topic, then today's page of 40 new papers, 4 of them on that topic.
 */
export async function daysArrivals(generated: number, topicIndex = 1): Promise<ArrivalsOutcome> {
  const material = seedMaterial();
  const mark = material.papers[topicIndex]?.keyphrases[0];
  const onTopic = (p: Paper) => p.keyphrases?.[1] === mark;
  const archive = evalCorpus(generated).map((p) => arrived(p, "2026-10-20"));
  const page: Paper[] = [];
  let wanted = 4;
  let others = 36;
  for (let i = 0; wanted + others > 0 && i < 200_000; i++) {
    const candidate = generatePaper(i, material, 7);
    const fresh = { ...candidate, id: `new-${i}`, published: "2026-11-21" };
    if (onTopic(fresh) && wanted > 0) {
      page.push(arrived(fresh, TODAY));
      wanted--;
    } else if (!onTopic(fresh) && others > 0) {
      page.push(arrived(fresh, TODAY));
      others--;
    }
  }
  const store = await LowStore.inMemory([...archive, ...page]);
  const saved = archive.filter(onTopic).slice(0, 3);
  for (const [i, paper] of saved.entries()) {
    await store.addSave({
      workspace: "slack:T",
      userId: `U${i}`,
      paperId: paper.id,
      savedAt: "2026-11-01T00:00:00Z",
    });
  }
  const search = createPaperSearch(store.corpus.all());
  const top = channelHighlights(
    { store, search, settings: testSettings() },
    { workspace: "slack:T", channel: "slack:T:C", size: 5 },
    EVAL_NOW,
  );
  return {
    archive: archive.length,
    arrivals: page.length,
    onTopicArrivals: page.filter(onTopic).length,
    onTopicInTop5: top.filter((h) => onTopic(h.paper)).length,
  };
}

export interface DismissalOutcome {
  before: number;
  after: number;
  dismissedShownAgain: number;
}

/** A team saves 3 MoE and 3 quantization papers, then marks two quantization highlights not for us. */
export async function dismissalSinks(): Promise<DismissalOutcome> {
  const papers = evalCorpus(0);
  const store = await LowStore.inMemory(papers);
  const search = createPaperSearch(store.corpus.all());
  const quant = (p: Paper) => /quantiz|low-bit/i.test(`${p.title} ${p.abstract}`);
  const moe = papers.filter((p) => /\bMoE|mixture/i.test(p.title)).slice(0, 3);
  const q = papers.filter((p) => /quantiz|low-bit/i.test(p.title)).slice(0, 3);
  for (const [i, paper] of [...moe, ...q].entries()) {
    await store.addSave({
      workspace: "slack:T",
      userId: `U${i}`,
      paperId: paper.id,
      savedAt: "2026-11-20T00:00:00Z",
    });
  }
  const deps = { store, search, settings: testSettings() };
  const place = { workspace: "slack:T", channel: "slack:T:C", size: 10 };
  const before = channelHighlights(deps, place, EVAL_NOW);
  const dismissed = before.filter((h) => quant(h.paper)).slice(0, 2);
  for (const h of dismissed) {
    await store.addDismissal({
      workspace: "slack:T",
      userId: "U9",
      paperId: h.paper.id,
      dismissedAt: "2026-11-21T00:00:00Z",
    });
  }
  const after = channelHighlights(deps, place, EVAL_NOW);
  return {
    before: before.filter((h) => quant(h.paper)).length,
    after: after.filter((h) => quant(h.paper)).length,
    dismissedShownAgain: after.filter((h) => dismissed.some((d) => d.paper.id === h.paper.id)).length,
  };
}
