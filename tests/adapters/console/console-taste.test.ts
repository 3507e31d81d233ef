// Issue 14 through the console adapter: saves steer `today`; 👎 (either name) and the "Not for us" button remove papers for good.
import { describe, expect, it } from "vitest";
import { LowStore } from "../../../src/store/low-store.js";
import { summarizedSeedPapers } from "../../helpers/core.js";
import { chat } from "./console-session.js";

describe("team taste in the console", () => {
  it("saves steer today's highlights; -1, thumbsdown and Not for us remove papers that never return", async () => {
    const merging = summarizedSeedPapers()
      .filter((p) => /merging/i.test(p.title))
      .slice(0, 3);
    const { out, dir } = await chat([
      // The start-up preview's last message (#6) is one paper with Save (1) and Not for us (2).
      ":press 2",
      ":react 2 -1",
      ":react 3 thumbsdown",
      ...merging.map((p) => `save ${p.id}`),
      "today",
    ]);
    const store = await LowStore.openReadOnly(dir);
    const dismissed = store
      .dismissalsIn("console:local")
      .map((d) => store.corpus.find(d.paperId)?.title ?? "");
    expect(dismissed).toHaveLength(3);
    const today = out.slice(out.lastIndexOf("Today's highlights"));
    expect(today.length).toBeGreaterThan(0);
    for (const title of dismissed) expect(today).not.toContain(title);
    const listed = today.split("\n").filter((line) => /^\d+\. /.test(line));
    expect(listed).toHaveLength(5);
    expect(listed.filter((line) => /merg/i.test(line)).length).toBeGreaterThanOrEqual(3);
    expect(today).toMatch(/someone here saved|people here saved/);
  }, 60_000);
});
