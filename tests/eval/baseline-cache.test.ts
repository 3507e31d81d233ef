// Guards the baseline cache: a change to any input is a new key, and the same inputs are measured once.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { summarizedSeedPapers } from "../helpers/core.js";
import { type BaselineInputs, baselineKey, cachedMeasurement } from "./baseline-cache.js";
import { type Measured, miniSearchSetup } from "./search-scale.js";
import { allStyledQueries } from "./search-styled-queries.js";

const papers = summarizedSeedPapers().slice(0, 5);
const queries = allStyledQueries().slice(0, 3);
const inputs: BaselineInputs = { papers, queries, setup: "minisearch 7.2.0" };
const measured: Measured = {
  name: "MiniSearch 7",
  buildMs: 1,
  outcomes: [{ rank: 2, strictRank: 0, ms: 3 }],
};

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the baseline cache", () => {
  it("keys on every paper's text, the queries and the set-up", () => {
    const key = baselineKey(inputs);
    expect(baselineKey({ ...inputs, papers: [...papers] })).toBe(key);
    const edited: Paper[] = papers.map((paper, i) =>
      i === 2 ? { ...paper, abstract: `${paper.abstract}.` } : paper,
    );
    const keys = [
      baselineKey({ ...inputs, papers: edited }),
      baselineKey({ ...inputs, papers: papers.slice(1) }),
      baselineKey({
        ...inputs,
        queries: queries.map((query, i) => (i === 2 ? { ...query, style: "concept" as const } : query)),
      }),
      baselineKey({ ...inputs, setup: "minisearch 7.2.1" }),
    ];
    expect(new Set([key, ...keys]).size).toBe(5);
  });

  it("measures once, then reads the stored figures back with the date they were taken", () => {
    dir = mkdtempSync(join(tmpdir(), "paperbot-baseline-"));
    let runs = 0;
    const measure = () => {
      runs++;
      return measured;
    };
    const now = () => new Date("2026-12-02T19:00:00Z");
    expect(cachedMeasurement(dir, "k1", measure, now)).toEqual({ measured });
    expect(cachedMeasurement(dir, "k1", measure, now)).toEqual({
      measured,
      cachedAt: "2026-12-02T19:00:00.000Z",
    });
    expect(runs).toBe(1);
    cachedMeasurement(dir, "k2", measure, now);
    expect({ runs, files: readdirSync(dir).sort() }).toEqual({ runs: 2, files: ["k1.json", "k2.json"] });
  });

  it("names MiniSearch's version and the code that sets it up and measures it", () => {
    const setup = miniSearchSetup();
    expect(setup).toMatch(/^minisearch 7\.\d+\.\d+\n/);
    expect(setup).toContain("boost");
    expect(setup).toContain("fuzzy");
  });
});
