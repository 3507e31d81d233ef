// `ingest --as-of` sets the day papers arrive, which is what the digest counts as new; an empty digest says so.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOTHING_NEW } from "../../src/digest/compose.js";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

const NOW = new Date("2026-11-22T12:00:00Z");

describe("paperbot digest and the day papers arrived", () => {
  it("treats papers ingested --as-of ten days ago as old news today, and new on that day", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-days-"));
    const cli = (...args: string[]): Promise<CliRun> => runCliCaptured(args, { PAPERBOT_DATA_DIR: dir }, NOW);
    expect((await cli("ingest", "--as-of", "2026-11-12", SEEDS_DIR)).code).toBe(0);

    // Today (ten days on) nothing arrived in the digest's week: one sentence, and `[]` as JSON.
    const today = await cli("digest");
    expect(today).toMatchObject({ code: 0, stdout: `${NOTHING_NEW}\n` });
    expect(NOTHING_NEW.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
    expect(JSON.parse((await cli("digest", "--json")).stdout)).toEqual([]);

    // On the day of the ingest they were new: the digest offers those published by then.
    const thatDay = JSON.parse((await cli("digest", "--date", "2026-11-12", "--json")).stdout) as {
      id: string;
    }[];
    expect(thatDay).toHaveLength(5);
    const listed = JSON.parse((await cli("list", "--json")).stdout) as { id: string; published?: string }[];
    const published = new Map(listed.map((p) => [p.id, p.published ?? ""]));
    for (const { id } of thatDay) expect(published.get(id) ?? "").not.toBe("");
    for (const { id } of thatDay) expect((published.get(id) as string) <= "2026-11-12").toBe(true);
  }, 120_000);
});
