import { describe, expect, it } from "vitest";
import { AuthorNames } from "../../src/follows/author-names.js";
import { followedMatches } from "../../src/follows/matches.js";
import type { Paper } from "../../src/papers/paper.js";
import type { FollowRecord } from "../../src/store/follow-records.js";

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: "A study of something else entirely.",
    authors: [],
    categories: [],
    links: {},
    sightings: [],
    ...fields,
  };
}

function follow(query: string, channel = "slack:T1:C1"): FollowRecord {
  return {
    channel,
    key: query.toLowerCase(),
    query,
    alert: false,
    createdBy: "U1",
    createdAt: "2026-11-01T00:00:00Z",
  };
}

const flash = paper("flash", {
  title: "FlashAttention-3: Fast and Accurate Attention",
  authors: ["Jay Shah", "Tri Dao"],
  categories: ["cs.LG"],
  published: "2026-11-20",
});
const initialled = paper("initialled", { title: "Hardware-aware kernels", authors: ["T. Dao", "A. Gu"] });
const minicpm = paper("minicpm", {
  title: "MiniCPM4: Ultra-Efficient LLMs on End Devices",
  abstract: "We speed up inference with speculative decoding on phones.",
  organization: "OpenBMB",
  categories: ["cs.CL"],
});
const accented = paper("accented", { title: "Un modèle", authors: ["César Ñuñez"] });
const other = paper("other", { title: "Protein folding", categories: ["q-bio.BM"] });

describe("followedMatches", () => {
  const papers = [flash, initialled, minicpm, accented, other];
  const names = AuthorNames.of(papers);

  it("matches authors, orgs, categories and phrases, with the follow as the reason", () => {
    const matches = followedMatches(
      [
        follow('author:"Tri Dao"'),
        follow("org:openbmb"),
        follow('"speculative decoding"'),
        follow("cat:q-bio"),
      ],
      papers,
      names,
    );
    expect(matches.map((m) => [m.paper.id, m.reason])).toEqual([
      ["flash", "follows: author Tri Dao"],
      ["initialled", "follows: author Tri Dao"],
      ["minicpm", 'follows: org openbmb · "speculative decoding"'],
      ["other", "follows: cat q-bio"],
    ]);
  });

  it("folds accents and case in names", () => {
    expect(followedMatches([follow('author:"cesar nunez"')], papers, names).map((m) => m.paper.id)).toEqual([
      "accented",
    ]);
  });

  it("takes T. Dao for Tri Dao only while no other full name is written T. Dao", () => {
    const tuan = paper("tuan", { title: "Another Dao", authors: ["Tuan Dao"] });
    const ambiguous = AuthorNames.of([...papers, tuan]);
    const ids = (query: string, n: AuthorNames) =>
      followedMatches([follow(query)], [...papers, tuan], n).map((m) => m.paper.id);
    expect(ids('author:"Tri Dao"', names)).toEqual(["flash", "initialled"]);
    expect(ids('author:"Tri Dao"', ambiguous)).toEqual(["flash"]);
    expect(ids('author:"T. Dao"', names)).toEqual(["flash", "initialled"]);
    expect(ids('author:"T. Dao"', ambiguous)).toEqual(["initialled"]);
    // A different given name is never taken for an initial.
    expect(ids('author:"Tom Dao"', names)).toEqual([]);
  });

  it("needs every word, honours exclusions and dates, and matches word forms as search does", () => {
    const ids = (query: string) => followedMatches([follow(query)], papers, names).map((m) => m.paper.id);
    expect(ids("attention accurate")).toEqual(["flash"]);
    expect(ids("attention protein")).toEqual([]);
    expect(ids("attention -accurate")).toEqual([]);
    expect(ids("decoder")).toEqual(["minicpm"]);
    expect(ids("minicpm")).toEqual(["minicpm"]);
    expect(ids("attention since:2026-11-21")).toEqual([]);
    expect(ids("attention since:2026-11-20")).toEqual(["flash"]);
  });

  it("gives each paper once, with every follow it matched", () => {
    const both = followedMatches([follow("attention"), follow('author:"Tri Dao"')], [flash], names);
    expect(both).toHaveLength(1);
    expect(both[0]?.follows.map((f) => f.query)).toEqual(["attention", 'author:"Tri Dao"']);
  });

  it("skips a follow that no longer parses instead of failing the others", () => {
    const matches = followedMatches([follow("foo:bar"), follow("attention")], papers, names);
    expect(matches.map((m) => m.paper.id)).toEqual(["flash"]);
  });
});
