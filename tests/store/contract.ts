// The Store port's contract: one set of tests every implementation (memory, lowdb, PostgreSQL) must pass.
import { afterEach, describe, expect, it } from "vitest";
import { newPaper } from "../../src/papers/merge.js";
import { channelKey } from "../../src/places.js";
import type { DigestRun, Subscription } from "../../src/store/records.js";
import type { Store } from "../../src/store/store.js";
import { parsedSeedPapers } from "../helpers/seeds.js";

/** A store to test, and (for a durable one) how to open its data again as a new process would. */
export interface StoreUnderTest {
  store: Store;
  reopen?: () => Promise<Store>;
}

const save = { workspace: "slack:T1", userId: "U1", paperId: "2401.00001", savedAt: "2026-01-01T00:00:00Z" };
const channel = channelKey("slack", "T1", "C1");

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    channel,
    platform: "slack",
    workspaceId: "T1",
    channelId: "C1",
    time: "09:00",
    timeZone: "Europe/Berlin",
    size: 3,
    topics: ["merging"],
    excluded: [],
    createdBy: "U1",
    createdAt: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

function planned(day: string, paperIds = ["a", "b", "c"]): DigestRun {
  return {
    channel,
    day,
    state: "posting",
    paperIds,
    reasons: { a: "popular" },
    postedCount: 0,
    headerPosted: false,
    startedAt: `${day}T08:00:00.000Z`,
    attempts: 1,
  };
}

const at = (iso: string) => ({ now: new Date(iso), leaseMs: 10 * 60_000 });

export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`the Store contract: ${name}`, () => {
    const opened: Store[] = [];
    const track = async (): Promise<StoreUnderTest> => {
      const subject = await open();
      opened.push(subject.store);
      const reopen = subject.reopen;
      return {
        store: subject.store,
        reopen: reopen
          ? async () => {
              const again = await reopen();
              opened.push(again);
              return again;
            }
          : undefined,
      };
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
    });

    it("keeps papers, replaces a changed one, and has them after a reopen", async () => {
      const { store, reopen } = await track();
      const papers = parsedSeedPapers().slice(0, 3).map(newPaper);
      await store.putPapers(papers);
      expect(store.corpus.size).toBe(3);
      const changed = { ...(papers[0] as (typeof papers)[number]), tldr: "shorter" };
      await store.putPapers([changed]);
      expect(store.corpus.find(changed.id)?.tldr).toBe("shorter");
      if (!reopen) return;
      await store.close();
      const again = await reopen();
      expect(again.corpus.size).toBe(3);
      expect(again.corpus.find(changed.id)).toEqual(changed);
      // Read back with its keys in order: an unchanged paper must compare equal when serialized.
      expect(JSON.stringify(again.corpus.find(changed.id))).toBe(JSON.stringify(changed));
    });

    it("makes saves idempotent, un-saves, saves again, and scopes them by workspace", async () => {
      const { store, reopen } = await track();
      expect(await store.addSave(save)).toBe(true);
      expect(await store.addSave({ ...save, savedAt: "later" })).toBe(false);
      expect(await store.addSave({ ...save, workspace: "discord:G1" })).toBe(true);
      expect(store.savesOf("slack:T1", "U1")).toEqual([save]);
      expect(store.savesIn("discord:G1")).toHaveLength(1);
      expect(store.savesIn("slack:T2")).toEqual([]);
      expect(await store.removeSave("slack:T1", "U1", save.paperId)).toBe(true);
      expect(await store.removeSave("slack:T1", "U1", save.paperId)).toBe(false);
      expect(store.savesOf("slack:T1", "U1")).toEqual([]);
      const again = { ...save, savedAt: "2026-02-01T00:00:00Z" };
      expect(await store.addSave(again)).toBe(true);
      expect(store.savesOf("slack:T1", "U1")).toEqual([again]);
      if (!reopen) return;
      await store.close();
      const reopened = await reopen();
      expect(reopened.savesOf("slack:T1", "U1")).toEqual([again]);
      expect(reopened.savesIn("discord:G1")).toHaveLength(1);
      expect(await reopened.addSave(save)).toBe(false);
    });

    it("keeps that a save was made by a reaction, and a save made otherwise stays without it", async () => {
      const { store, reopen } = await track();
      const byReaction = { ...save, via: "reaction" as const };
      expect(await store.addSave(byReaction)).toBe(true);
      expect(await store.addSave({ ...save, userId: "U2" })).toBe(true);
      expect(store.savesOf("slack:T1", "U1")[0]?.via).toBe("reaction");
      expect(store.savesOf("slack:T1", "U2")[0]?.via).toBeUndefined();
      if (!reopen) return;
      await store.close();
      const reopened = await reopen();
      expect(reopened.savesOf("slack:T1", "U1")).toEqual([byReaction]);
      expect(reopened.savesOf("slack:T1", "U2")[0]).not.toHaveProperty("via");
    });

    it("makes dismissals idempotent, takes them back, and scopes them by workspace", async () => {
      const { store, reopen } = await track();
      const dismissal = {
        workspace: "slack:T1",
        userId: "U1",
        paperId: "2401.00001",
        dismissedAt: "2026-01-01T00:00:00Z",
      };
      expect(await store.addDismissal(dismissal)).toBe(true);
      expect(await store.addDismissal({ ...dismissal, dismissedAt: "later" })).toBe(false);
      expect(await store.addDismissal({ ...dismissal, userId: "U2" })).toBe(true);
      expect(await store.addDismissal({ ...dismissal, workspace: "discord:G1" })).toBe(true);
      expect(store.dismissalsIn("slack:T1")).toHaveLength(2);
      expect(store.dismissalsIn("slack:T2")).toEqual([]);
      // A dismissal is not a save, and an un-save does not take a dismissal back.
      expect(store.savesIn("slack:T1")).toEqual([]);
      expect(await store.removeSave("slack:T1", "U1", dismissal.paperId)).toBe(false);
      expect(await store.removeDismissal("slack:T1", "U2", dismissal.paperId)).toBe(true);
      expect(await store.removeDismissal("slack:T1", "U2", dismissal.paperId)).toBe(false);
      expect(store.dismissalsIn("slack:T1")).toEqual([dismissal]);
      const again = { ...dismissal, userId: "U2", dismissedAt: "2026-02-01T00:00:00Z" };
      expect(await store.addDismissal(again)).toBe(true);
      if (!reopen) return;
      await store.close();
      const reopened = await reopen();
      expect(reopened.dismissalsIn("slack:T1")).toEqual(expect.arrayContaining([dismissal, again]));
      expect(reopened.dismissalsIn("slack:T1")).toHaveLength(2);
      expect(await reopened.addDismissal(dismissal)).toBe(false);
    });

    it("puts, replaces and removes subscriptions", async () => {
      const { store, reopen } = await track();
      await store.putSubscription(subscription());
      await store.putSubscription(subscription({ time: "10:30" }));
      expect(store.subscriptions()).toEqual([subscription({ time: "10:30" })]);
      expect(store.subscription(channel)?.time).toBe("10:30");
      const other = subscription({ channel: channelKey("slack", "T1", "C2"), channelId: "C2" });
      await store.putSubscription(other);
      expect(await store.removeSubscription(channel)).toBe(true);
      expect(await store.removeSubscription(channel)).toBe(false);
      expect(store.subscription(channel)).toBeUndefined();
      expect(store.subscriptions()).toEqual([other]);
      await store.putSubscription(subscription());
      expect(store.subscription(channel)).toEqual(subscription());
      if (!reopen) return;
      await store.close();
      const reopened = await reopen();
      expect(reopened.subscriptions()).toHaveLength(2);
    });

    it("records posts and finds them by reference and by channel", async () => {
      const { store, reopen } = await track();
      const ref = { platform: "slack" as const, workspaceId: "T1", channelId: "C1", messageId: "m1" };
      const post = { ref, paperIds: ["a"], postedAt: "2026-01-01T09:00:00Z", kind: "digest" as const };
      await store.recordPost(post);
      await store.recordPost({ ...post, ref: { ...ref, channelId: "C2", messageId: "m2" } });
      expect(store.findPost(ref)).toEqual(post);
      expect(store.findPost({ ...ref, workspaceId: "T2" })).toBeUndefined();
      expect(store.postsIn(channel)).toEqual([post]);
      if (!reopen) return;
      await store.close();
      expect((await reopen()).findPost(ref)).toEqual(post);
    });

    it("keeps digest runs per channel and day, and knows the last one", async () => {
      const { store } = await track();
      await store.putDigestRun(planned("2026-03-01"));
      await store.putDigestRun({ ...planned("2026-03-02"), state: "posted" });
      await store.putDigestRun({ ...planned("2026-03-01"), postedCount: 2 });
      expect(store.digestRun(channel, "2026-03-01")?.postedCount).toBe(2);
      expect(store.digestRun(channel, "2026-03-03")).toBeUndefined();
      expect(store.lastDigestRun(channel)?.day).toBe("2026-03-02");
      expect(store.lastDigestRun(channelKey("slack", "T1", "C9"))).toBeUndefined();
    });

    it("claims a new day once, from its plan, and refuses a second claim while the lease holds", async () => {
      const { store } = await track();
      let plans = 0;
      const plan = () => {
        plans += 1;
        return planned("2026-03-01");
      };
      const first = await store.claimDigestRun(channel, "2026-03-01", plan, at("2026-03-01T08:00:00Z"));
      expect(first.claimed).toBe(true);
      expect(first.run).toMatchObject({ state: "posting", attempts: 1, paperIds: ["a", "b", "c"] });
      expect(first.run.owner).toBeTruthy();
      expect(first.run.leaseUntil).toBe("2026-03-01T08:10:00.000Z");
      expect(store.digestRun(channel, "2026-03-01")).toEqual(first.run);
      const second = await store.claimDigestRun(channel, "2026-03-01", plan, at("2026-03-01T08:05:00Z"));
      expect(second).toEqual({ run: first.run, claimed: false });
      expect(plans).toBe(1);
    });

    it("resumes a half-posted day from its progress once the lease ran out, never from the top", async () => {
      const { store } = await track();
      const plan = () => planned("2026-03-01");
      const { run } = await store.claimDigestRun(channel, "2026-03-01", plan, at("2026-03-01T08:00:00Z"));
      await store.putDigestRun({ ...run, headerPosted: true, postedCount: 2 });
      const resumed = await store.claimDigestRun(
        channel,
        "2026-03-01",
        () => planned("2026-03-01", ["x"]),
        at("2026-03-01T08:11:00Z"),
      );
      expect(resumed.claimed).toBe(true);
      expect(resumed.run).toMatchObject({ paperIds: ["a", "b", "c"], postedCount: 2, headerPosted: true });
      expect(resumed.run.attempts).toBe(2);
      expect(resumed.run.leaseUntil).toBe("2026-03-01T08:21:00.000Z");
    });

    it("never claims a finished day, nor one waiting out a backoff", async () => {
      const { store } = await track();
      await store.putDigestRun({ ...planned("2026-03-01"), state: "posted" });
      await store.putDigestRun({ ...planned("2026-03-02"), state: "failed" });
      await store.putDigestRun({ ...planned("2026-03-03"), nextAttemptAt: "2026-03-03T09:00:00.000Z" });
      const plan = () => {
        throw new Error("a stored day is never planned again");
      };
      for (const day of ["2026-03-01", "2026-03-02", "2026-03-03"]) {
        const claim = await store.claimDigestRun(channel, day, plan, at(`${day}T08:30:00Z`));
        expect(claim.claimed, day).toBe(false);
        expect(claim.run.day).toBe(day);
      }
      const later = await store.claimDigestRun(channel, "2026-03-03", plan, at("2026-03-03T09:00:00Z"));
      expect(later.claimed).toBe(true);
      expect(later.run.attempts).toBe(2);
    });

    it("keeps source statuses by name", async () => {
      const { store, reopen } = await track();
      await store.putSourceStatus({ name: "arxiv", lastAttemptAt: "2026-01-01T00:00:00Z" });
      await store.putSourceStatus({ name: "hf", lastError: "503" });
      await store.putSourceStatus({
        name: "arxiv",
        lastSuccessAt: "2026-01-02T00:00:00Z",
        memo: { etag: "x" },
      });
      expect(store.sourceStatuses()).toHaveLength(2);
      expect(store.sourceStatuses().find((s) => s.name === "arxiv")).toEqual({
        name: "arxiv",
        lastSuccessAt: "2026-01-02T00:00:00Z",
        memo: { etag: "x" },
      });
      if (!reopen) return;
      await store.close();
      expect((await reopen()).sourceStatuses()).toHaveLength(2);
    });

    it("keeps a channel's settings and model TL;DRs per paper and language, across a reopen", async () => {
      const { store, reopen } = await track();
      expect(store.channelSettings(channel)).toBeUndefined();
      const settings = { channel, language: "de", updatedBy: "U1", updatedAt: "2026-01-01T00:00:00Z" };
      await store.putChannelSettings(settings);
      await store.putChannelSettings({ ...settings, language: "pt-BR" });
      expect(store.channelSettings(channel)?.language).toBe("pt-BR");
      expect(store.channelSettings(channelKey("slack", "T1", "C2"))).toBeUndefined();
      const tldr = {
        paperId: "2401.00001",
        language: "de",
        text: "Kurz.",
        model: "m",
        createdAt: "2026-01-01",
      };
      await store.putModelTldr(tldr);
      await store.putModelTldr({ ...tldr, language: "fr", text: "Bref." });
      await store.putModelTldr({ ...tldr, text: "Kürzer." });
      expect(store.modelTldr("2401.00001", "de")?.text).toBe("Kürzer.");
      expect(store.modelTldr("2401.00001", "fr")?.text).toBe("Bref.");
      expect(store.modelTldr("2401.00001", "es")).toBeUndefined();
      if (!reopen) return;
      await store.close();
      const again = await reopen();
      expect(again.channelSettings(channel)?.language).toBe("pt-BR");
      expect(again.modelTldr("2401.00001", "de")?.text).toBe("Kürzer.");
      expect(again.modelTldr("2401.00001", "fr")?.text).toBe("Bref.");
    });

    it("keeps a channel's follows in order, replaces one by key, removes it, across a reopen", async () => {
      const { store, reopen } = await track();
      const follow = {
        channel,
        key: 'author:"tri dao"',
        query: 'author:"Tri Dao"',
        alert: false,
        createdBy: "U1",
        createdAt: "2026-01-01T00:00:00Z",
      };
      const second = {
        ...follow,
        key: "org:openbmb",
        query: "org:openbmb",
        createdAt: "2026-01-02T00:00:00Z",
      };
      const elsewhere = { ...follow, channel: channelKey("discord", "G1", "C9") };
      await store.putFollow(follow);
      await store.putFollow(second);
      await store.putFollow(elsewhere);
      const matched = { ...follow, alert: true };
      await store.putFollow(matched);
      expect(store.follows(channel)).toEqual([matched, second]);
      expect(store.allFollows()).toHaveLength(3);
      expect(await store.removeFollow(channel, "org:openbmb")).toBe(true);
      expect(await store.removeFollow(channel, "org:openbmb")).toBe(false);
      expect(store.follows(channel)).toEqual([matched]);
      if (!reopen) return;
      await store.close();
      const again = await reopen();
      expect(again.follows(channel)).toEqual([matched]);
      expect(again.follows(elsewhere.channel)).toEqual([elsewhere]);
      await again.putFollow(second);
      expect(again.follows(channel).map((f) => f.key)).toEqual([follow.key, second.key]);
    });

    it("makes mutes idempotent per kind and channel, and takes them back, across a reopen", async () => {
      const { store, reopen } = await track();
      const mute = {
        channel,
        kind: "word" as const,
        key: "vision",
        value: "Vision",
        createdBy: "U1",
        createdAt: "2026-01-01T00:00:00Z",
      };
      expect(await store.addMute(mute)).toBe(true);
      expect(await store.addMute({ ...mute, value: "vision" })).toBe(false);
      expect(await store.addMute({ ...mute, kind: "author" })).toBe(true);
      expect(store.mutes(channel)).toHaveLength(2);
      expect(store.mutes(channelKey("slack", "T1", "C2"))).toEqual([]);
      expect(await store.removeMute(channel, "author", "vision")).toBe(true);
      expect(await store.removeMute(channel, "author", "vision")).toBe(false);
      expect(store.mutes(channel)).toEqual([mute]);
      if (!reopen) return;
      await store.close();
      const again = await reopen();
      expect(again.mutes(channel)).toEqual([mute]);
      expect(await again.addMute({ ...mute, kind: "author" })).toBe(true);
    });

    it("records an alert once and lets exactly one claim post it, across a reopen", async () => {
      const { store, reopen } = await track();
      const alert = {
        channel,
        paperId: "p1",
        reason: "follows: author Tri Dao",
        state: "pending" as const,
        matchedAt: "2026-01-01T00:00:00Z",
      };
      const added = await store.addPendingAlerts([alert, { ...alert, paperId: "p2" }, alert]);
      expect(added.map((a) => a.paperId)).toEqual(["p1", "p2"]);
      expect(await store.addPendingAlerts([alert])).toEqual([]);
      const claimed = await store.claimAlerts(channel, ["p1", "p9"], "2026-01-01T00:05:00.000Z");
      expect(claimed).toEqual([{ ...alert, state: "posted", postedAt: "2026-01-01T00:05:00.000Z" }]);
      expect(await store.claimAlerts(channel, ["p1"], "2026-01-01T00:06:00.000Z")).toEqual([]);
      expect(
        store
          .alertsIn(channel)
          .map((a) => [a.paperId, a.state])
          .sort(),
      ).toEqual([
        ["p1", "posted"],
        ["p2", "pending"],
      ]);
      if (!reopen) return;
      await store.close();
      const again = await reopen();
      // A posted alert stays posted: a restart neither records nor claims it again.
      expect(await again.addPendingAlerts([alert])).toEqual([]);
      expect(await again.claimAlerts(channel, ["p1"], "2026-01-02T00:00:00.000Z")).toEqual([]);
      expect(
        (await again.claimAlerts(channel, ["p2"], "2026-01-02T00:00:00.000Z")).map((a) => a.paperId),
      ).toEqual(["p2"]);
    });

    it("refreshes and takes change listeners without complaint", async () => {
      const { store } = await track();
      const unsubscribe = store.onPapersChanged(() => undefined);
      await store.refresh();
      unsubscribe();
    });
  });
}
