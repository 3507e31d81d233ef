import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runAlerts } from "../../src/chat/post-alerts.js";
import type { Paper } from "../../src/papers/paper.js";
import { channelKey } from "../../src/places.js";
import { LowStore } from "../../src/store/low-store.js";
import { FakePort, memoryLogger } from "../helpers/core.js";

const channel = channelKey("slack", "T1", "C1");
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function paper(id: string, seenAt: string, fields: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: "Something else.",
    authors: ["Tri Dao"],
    categories: ["cs.LG"],
    links: {},
    sightings: [{ source: "arxiv", ref: "feed", seenAt }],
    ...fields,
  };
}

async function openStore(dir: string): Promise<LowStore> {
  return LowStore.openDirectory(dir, { durability: { fsync: false } });
}

async function setUp() {
  const dir = await mkdtemp(join(tmpdir(), "paperbot-alerts-"));
  dirs.push(dir);
  const store = await openStore(dir);
  await store.putPapers([paper("old", "2026-11-20T08:00:00Z")]);
  await store.putFollow({
    channel,
    key: 'author:"tri dao"',
    query: 'author:"Tri Dao"',
    alert: true,
    createdBy: "U1",
    createdAt: "2026-11-21T00:00:00Z",
  });
  return { dir, store, port: new FakePort(), log: memoryLogger().log };
}

const at = (iso: string) => new Date(iso);

describe("alerts for followed matches", () => {
  it("posts a match once when it arrives, and never again, even after a restart", async () => {
    const { dir, store, port, log } = await setUp();
    await store.putPapers([paper("new1", "2026-11-22T09:00:00Z")]);
    expect(await runAlerts({ store, log, ports: { slack: port } }, at("2026-11-22T09:01:00Z"))).toBe(1);
    expect(port.posts).toHaveLength(1);
    expect(port.posts[0]?.reply.cards?.map((c) => [c.id, c.reason])).toEqual([
      ["new1", "follows: author Tri Dao"],
    ]);
    expect(store.findPost(port.posts[0]?.ref as never)?.paperIds).toEqual(["new1"]);
    expect(await runAlerts({ store, log, ports: { slack: port } }, at("2026-11-22T09:02:00Z"))).toBe(0);
    await store.close();
    const restarted = await openStore(dir);
    expect(
      await runAlerts({ store: restarted, log, ports: { slack: port } }, at("2026-11-22T09:03:00Z")),
    ).toBe(0);
    expect(port.posts).toHaveLength(1);
    // The paper seen before the follow was made is never alerted.
    expect(port.posts.flatMap((p) => p.reply.cards?.map((c) => c.id))).not.toContain("old");
    await restarted.putPapers([paper("new2", "2026-11-22T10:00:00Z")]);
    expect(
      await runAlerts({ store: restarted, log, ports: { slack: port } }, at("2026-11-22T10:01:00Z")),
    ).toBe(1);
    expect(port.posts[1]?.reply.cards?.map((c) => c.id)).toEqual(["new2"]);
    await restarted.close();
  });

  it("never posts twice when the process died after claiming (the digest carries it instead)", async () => {
    const { store, port, log } = await setUp();
    await store.putPapers([paper("new1", "2026-11-22T09:00:00Z")]);
    port.failWith = () => {
      throw new Error("the process died here");
    };
    expect(await runAlerts({ store, log, ports: { slack: port } }, at("2026-11-22T09:01:00Z"))).toBe(0);
    port.failWith = undefined;
    expect(await runAlerts({ store, log, ports: { slack: port } }, at("2026-11-22T09:02:00Z"))).toBe(0);
    expect(port.posts).toHaveLength(0);
    await store.close();
  });

  it("sends a few messages an hour and batches the rest into the next one", async () => {
    const { store, port, log } = await setUp();
    const deps = { store, log, ports: { slack: port } };
    for (let i = 0; i < 5; i++) {
      await store.putPapers([paper(`burst${i}`, `2026-11-22T09:0${i}:00Z`)]);
      await runAlerts(deps, at(`2026-11-22T09:0${i}:30Z`));
    }
    expect(port.posts.map((p) => p.reply.cards?.length)).toEqual([1, 1, 1]);
    await runAlerts(deps, at("2026-11-22T09:30:00Z"));
    expect(port.posts).toHaveLength(3);
    await runAlerts(deps, at("2026-11-22T10:00:31Z"));
    expect(port.posts).toHaveLength(4);
    expect(port.posts[3]?.reply.cards?.map((c) => c.id)).toEqual(["burst3", "burst4"]);
    expect(port.posts[3]?.reply.heading).toContain("2 new papers");
    await store.close();
  });

  it("leaves muted papers out of alerts", async () => {
    const { store, port, log } = await setUp();
    await store.addMute({
      channel,
      kind: "cat",
      key: "cs.cv",
      value: "cs.CV",
      createdBy: "U1",
      createdAt: "t",
    });
    await store.putPapers([
      paper("vision", "2026-11-22T09:00:00Z", { categories: ["cs.CV"] }),
      paper("kernels", "2026-11-22T09:00:00Z"),
    ]);
    await runAlerts({ store, log, ports: { slack: port } }, at("2026-11-22T09:01:00Z"));
    expect(port.posts.flatMap((p) => p.reply.cards?.map((c) => c.id))).toEqual(["kernels"]);
    await store.close();
  });
});
