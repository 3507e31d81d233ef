// The parts of team taste: phrase topics, the SGD model, paper vectors, and reasons whose numbers are the store's.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channelHighlights } from "../../src/digest/compose.js";
import type { Paper } from "../../src/papers/paper.js";
import { dot, PaperVectors } from "../../src/search/paper-vectors.js";
import { margin, trainLogistic } from "../../src/taste/linear-model.js";
import { TeamTaste } from "../../src/taste/team-taste.js";
import { matchTopics } from "../../src/taste/topic-match.js";
import { seededCore, summarizedSeedPapers } from "../helpers/core.js";

function paper(id: string, title: string, abstract = ""): Paper {
  return { id, title, abstract, authors: [], categories: ["cs.LG"], links: {}, sightings: [] };
}

describe("channel topics", () => {
  it("match as phrases: “speculative decoding” is not any paper that says “decoding”", () => {
    const topics = ["speculative decoding"];
    expect(matchTopics(paper("a", "Faster Speculative Decoding with Draft Trees"), topics)).toEqual({
      score: 1,
      matched: ["speculative decoding"],
    });
    expect(
      matchTopics(paper("b", "Constrained Decoding for JSON", "We study speculative methods."), topics).score,
    ).toBe(0);
    expect(matchTopics(paper("c", "Draft models", "It speeds up speculative decoding."), topics).score).toBe(
      0.6,
    );
  });
});

describe("the linear model", () => {
  it("learns which features mark the wanted papers, with the classes balanced", () => {
    const v = (slots: number[]) => ({
      slots: Uint32Array.from(slots),
      weights: Float32Array.from(slots, () => 1 / Math.sqrt(slots.length)),
    });
    const examples = [
      { vector: v([1, 2]), label: 1 as const, weight: 1 },
      { vector: v([1, 3]), label: 1 as const, weight: 1 },
      ...Array.from({ length: 50 }, (_, i) => ({
        vector: v([4 + i, 1000 + i]),
        label: 0 as const,
        weight: 1,
      })),
    ];
    const model = trainLogistic(examples);
    expect(margin(model, v([1, 9999]))).toBeGreaterThan(margin(model, v([7, 9999])));
    expect(margin(model, v([1, 2]))).toBeGreaterThan(0);
  });
});

describe("paper vectors", () => {
  it("find papers about the same thing, and an incremental update agrees with a build", () => {
    const papers = summarizedSeedPapers();
    const built = PaperVectors.build(papers);
    const merging = papers.find((p) => /Fisher-Weighted Averaging/.test(p.title)) as Paper;
    const top = built.similar(merging.id, 3).map((hit) => papers.find((p) => p.id === hit.id)?.title ?? "");
    expect(top.filter((title) => /merg/i.test(title)).length).toBeGreaterThanOrEqual(2);
    const grown = PaperVectors.build(papers.slice(0, 120));
    grown.update(papers.slice(120));
    expect(grown.size).toBe(papers.length);
    expect(grown.similar(merging.id, 3).map((h) => h.id)).toEqual(
      built.similar(merging.id, 3).map((h) => h.id),
    );
  });
});

describe("the team's interest", () => {
  it("widens toward the candidates closest to the saves, and stays put without them", () => {
    const papers = summarizedSeedPapers();
    const vectors = PaperVectors.build(papers);
    const merging = papers.filter((p) => /merging/i.test(p.title));
    const saves = merging.slice(0, 3).map((p, i) => ({
      workspace: "slack:T",
      userId: `U${i}`,
      paperId: p.id,
      savedAt: "2026-11-20T00:00:00Z",
    }));
    const taste = TeamTaste.train(
      { workspace: "slack:T", saves, dismissals: [] },
      vectors,
      new Date("2026-11-22T00:00:00Z"),
    );
    const neighbour = vectors.vector((merging[3] as Paper).id);
    if (!neighbour) throw new Error("a fourth merging paper");
    const plain = taste.widenedCentroid([], 1);
    const widened = taste.widenedCentroid([neighbour], 1);
    if (!plain || !widened) throw new Error("a team with saves has a centroid");
    expect(dot(plain, neighbour)).toBeCloseTo(taste.centroidSimilarity(neighbour), 6);
    expect(dot(widened, neighbour)).toBeGreaterThan(dot(plain, neighbour));
    expect(dot(widened, widened)).toBeCloseTo(1, 5);
    const none = TeamTaste.train({ workspace: "slack:T", saves: [], dismissals: [] }, vectors, new Date());
    expect(none.widenedCentroid([neighbour], 1)).toBeUndefined();
  });
});

describe("a team's judgement of a paper", () => {
  it("names the most similar save and dismissal with the exact similarity, for any signals", () => {
    const papers = summarizedSeedPapers();
    const vectors = PaperVectors.build(papers);
    const ids = papers.map((p) => p.id);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 8 }),
        fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 4 }),
        fc.constantFrom(...ids),
        (saved, dismissed, candidate) => {
          const taste = TeamTaste.train(
            {
              workspace: "slack:T",
              saves: saved.map((paperId, i) => ({
                workspace: "slack:T",
                userId: `U${i % 3}`,
                paperId,
                savedAt: "2026-11-20T00:00:00Z",
              })),
              dismissals: dismissed.map((paperId) => ({
                workspace: "slack:T",
                userId: "U9",
                paperId,
                dismissedAt: "2026-11-21T00:00:00Z",
              })),
            },
            vectors,
            new Date("2026-11-22T00:00:00Z"),
          );
          const vector = vectors.vector(candidate);
          if (!vector) throw new Error("every seed has a vector");
          // The brute force: a dot product with every signal paper, the first of the best kept.
          const best = (list: readonly { id: string; vector: typeof vector }[]) => {
            let out: { id: string; similarity: number } | undefined;
            for (const p of list) {
              const similarity = dot(p.vector, vector);
              if (!out || similarity > out.similarity) out = { id: p.id, similarity };
            }
            return out;
          };
          const judged = taste.judge(candidate, vectors);
          if (!judged) throw new Error("a paper with a vector is judged");
          const near = best(taste.saved);
          const away = best(taste.dismissed);
          expect(judged.near && { id: judged.near.paper.id, similarity: judged.near.similarity }).toEqual(
            near,
          );
          expect(
            judged.dismissedNear && {
              id: judged.dismissedNear.paper.id,
              similarity: judged.dismissedNear.similarity,
            },
          ).toEqual(away);
          expect(judged.belief).toBe(taste.belief(vector));
          expect(taste.judge(candidate, vectors)).toBe(judged);
          expect(judged.vector).toEqual(vector);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("reasons", () => {
  it("count exactly the people the store says saved, for any save history", async () => {
    const core = await seededCore();
    const pool = [...core.store.corpus.all()]
      .filter((p) => /merg|quantiz|expert|bandit/i.test(p.title))
      .slice(0, 12);
    const users = ["u1", "u2", "u3", "u4"];
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ user: fc.constantFrom(...users), paper: fc.integer({ min: 0, max: pool.length - 1 }) }),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        async (history) => {
          const workspace = `slack:R${++round}`;
          for (const { user, paper: index } of history) {
            const saved = pool[index] as Paper;
            await core.store.addSave({
              workspace,
              userId: user,
              paperId: saved.id,
              savedAt: "2026-11-20T00:00:00Z",
            });
          }
          const saves = core.store.savesIn(workspace);
          const highlights = channelHighlights(
            core.deps,
            { workspace, channel: `${workspace}:C`, size: 10 },
            core.deps.now(),
          );
          for (const reason of highlights.flatMap((h) => h.reasons)) {
            const close = reason.match(/^close to “(.*)”, which (someone here|(\d+) people here) saved$/);
            if (close) {
              const named = pool.filter((p) => p.title === close[1]);
              expect(named.length).toBe(1);
              const savers = new Set(saves.filter((s) => s.paperId === named[0]?.id).map((s) => s.userId));
              expect(savers.size).toBe(close[3] ? Number(close[3]) : 1);
            }
            const on = reason.match(/^(\d+) (?:person|people) here saved papers on (.+)$/);
            if (on) {
              const everyone = new Set(saves.map((s) => s.userId));
              expect(Number(on[1])).toBeGreaterThanOrEqual(1);
              expect(Number(on[1])).toBeLessThanOrEqual(everyone.size);
            }
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
    );
  });
});
