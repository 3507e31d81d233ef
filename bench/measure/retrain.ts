// Retraining a team's model after a save: the vectors built once, then a save and a retrain, many times (what runs off the request path).

import { PaperVectors } from "../../src/search/paper-vectors.js";
import type { SaveRecord } from "../../src/store/records.js";
import { TeamTaste } from "../../src/taste/team-taste.js";
import { type Measure, runChild } from "../child.js";
import { generateCorpus } from "../corpus.js";
import { percentile } from "../stats.js";

const RETRAINS = 200;

export const measure: Measure = async ({ size, smoke }) => {
  const papers = generateCorpus(size);
  const started = performance.now();
  const vectors = PaperVectors.build(papers);
  const buildMs = performance.now() - started;
  const now = new Date("2026-11-22T12:00:00Z");
  const saves: SaveRecord[] = [];
  const times: number[] = [];
  const count = smoke ? 20 : RETRAINS;
  for (let i = 0; i < count; i++) {
    // A team that keeps saving: up to 60 saves by 8 people, one more each time.
    const paper = papers[(i * 7919) % papers.length];
    if (!paper) continue;
    saves.push({ workspace: "slack:T", userId: `U${i % 8}`, paperId: paper.id, savedAt: now.toISOString() });
    if (saves.length > 60) saves.shift();
    const t0 = performance.now();
    TeamTaste.train({ workspace: "slack:T", saves, dismissals: [] }, vectors, now);
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) vectors.similar((papers[i * 31] ?? papers[0])?.id ?? "", 5);
  return {
    vectorBuildMs: Math.round(buildMs),
    retrainP50: percentile(times, 0.5),
    retrainP99: percentile(times, 0.99),
    similarMs: (performance.now() - t0) / 20,
  };
};

runChild(measure, import.meta.url);
