// What a channel's weekly digest holds: the week's most saved papers (and who saved them), the best new ones nobody saved, the followed matches.

import { authorNamesOf, channelMutes } from "../follows/channel-view.js";
import type { FollowedMatch } from "../follows/matches.js";
import { withoutMuted } from "../follows/mutes.js";
import type { Paper } from "../papers/paper.js";
import type { ChannelKey, WorkspaceKey } from "../store/records.js";
import { rankForTeam } from "../taste/rank-team.js";
import { tasteFor } from "../taste/team-tastes.js";
import { arrivals, type ComposeDeps } from "./compose.js";

export type WeeklySection = "saved" | "new" | "followed";

/** One paper of the weekly digest: its section and the line saying why it is there. */
export interface WeeklyEntry {
  paperId: string;
  section: WeeklySection;
  reason: string;
}

export interface WeeklySpec {
  workspace: WorkspaceKey;
  channel: ChannelKey;
  /** The week covered: saves and arrivals from `from` (inclusive) to `to` (exclusive). */
  from: Date;
  to: Date;
  /**
   * The channel's followed matches of the week (`weeklyFollowedMatches`): empty when it follows
   * nothing. An input, so the sections are composed (and tested) apart from how follows match.
   */
  followed: readonly FollowedMatch[];
}

/** At most this many papers per section: the message shows the first few of each, "more" the rest. */
export const WEEKLY_SECTION_SIZE = 10;
/** Who saved a paper is named up to this many people; beyond, "and N more". */
const NAMED_SAVERS = 5;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The papers the channel has not muted (a muted paper is never in its digests, the weekly included). */
function unmuted(deps: ComposeDeps, spec: WeeklySpec, papers: readonly Paper[]): Paper[] {
  const mutes = channelMutes(deps.store, spec.channel);
  return mutes.length === 0 ? [...papers] : withoutMuted(papers, mutes, authorNamesOf(deps.store.corpus));
}

/** The papers saved in the workspace during the week, most savers first, with who saved each. */
function mostSaved(deps: ComposeDeps, spec: WeeklySpec): WeeklyEntry[] {
  const from = spec.from.toISOString();
  const to = spec.to.toISOString();
  const byPaper = new Map<string, { users: string[]; last: string }>();
  for (const save of deps.store.savesIn(spec.workspace)) {
    if (save.savedAt < from || save.savedAt >= to) continue;
    const entry = byPaper.get(save.paperId) ?? { users: [], last: "" };
    entry.users.push(save.userId);
    if (save.savedAt > entry.last) entry.last = save.savedAt;
    byPaper.set(save.paperId, entry);
  }
  const saved = [...byPaper.keys()].map((id) => deps.store.corpus.find(id)).filter((p) => p !== undefined);
  const shown = new Set(unmuted(deps, spec, saved).map((p) => p.id));
  return [...byPaper.entries()]
    .filter(([id]) => shown.has(id))
    .sort(
      ([a, x], [b, y]) =>
        y.users.length - x.users.length || y.last.localeCompare(x.last) || a.localeCompare(b),
    )
    .slice(0, WEEKLY_SECTION_SIZE)
    .map(([paperId, { users }]) => {
      const named = users.slice(0, NAMED_SAVERS).join(", ");
      const rest = users.length > NAMED_SAVERS ? ` and ${users.length - NAMED_SAVERS} more` : "";
      const people = users.length === 1 ? "1 person" : `${users.length} people`;
      return {
        paperId,
        section: "saved" as const,
        reason: `🔖 saved by ${people} this week: ${named}${rest}`,
      };
    });
}

/**
 * The week's arrivals nobody in the workspace saved or dismissed, ranked by the team's taste (the
 * daily digest's ranking) with the channel's topics; the channel's mutes leave a paper out.
 * A paper the daily digest showed may come back: the weekly is the second look at what nobody saved.
 */
function bestUnsaved(deps: ComposeDeps, spec: WeeklySpec): WeeklyEntry[] {
  const { store, search, settings } = deps;
  const subscription = store.subscription(spec.channel);
  const taken = new Set(store.savesIn(spec.workspace).map((s) => s.paperId));
  for (const d of store.dismissalsIn(spec.workspace)) taken.add(d.paperId);
  const fromDay = isoDay(spec.from);
  const lastDay = isoDay(new Date(spec.to.getTime() - 1));
  const candidates: Paper[] = [];
  for (const { id, day } of arrivals(store.corpus)) {
    if (day > lastDay) continue;
    if (day < fromDay) break;
    const paper = store.corpus.find(id);
    if (!paper || taken.has(id)) continue;
    if (paper.published && paper.published > lastDay) continue;
    candidates.push(paper);
  }
  const visible = unmuted(deps, spec, candidates);
  if (visible.length === 0) return [];
  const ranked = rankForTeam({
    candidates: visible,
    vectors: search.vectors,
    taste: tasteFor(store, search.vectors, spec.workspace, spec.to),
    topics: subscription?.topics ?? [],
    now: spec.to,
    weights: settings.ranking,
    size: WEEKLY_SECTION_SIZE,
    titleOf: (id) => store.corpus.find(id)?.title,
  });
  return ranked.map((h) => ({
    paperId: h.paper.id,
    section: "new" as const,
    reason: ["✨ new, nobody here saved it yet", ...h.reasons].join(" · "),
  }));
}

/** The weekly digest's papers, each once: most saved, then best unsaved, then followed matches not already listed. */
export function composeWeekly(deps: ComposeDeps, spec: WeeklySpec): WeeklyEntry[] {
  const entries = [...mostSaved(deps, spec), ...bestUnsaved(deps, spec)];
  const listed = new Set(entries.map((e) => e.paperId));
  const followed = spec.followed
    .filter((match) => !listed.has(match.paper.id))
    .slice(0, WEEKLY_SECTION_SIZE)
    .map((match) => ({
      paperId: match.paper.id,
      section: "followed" as const,
      reason: `👀 ${match.reason}`,
    }));
  return [...entries, ...followed];
}

const SECTIONS: readonly WeeklySection[] = ["saved", "new", "followed"];

/**
 * The papers the weekly message shows (at most `size`, grouped by section) and the rest, for its "more"
 * button. Each section gets an equal share first, so a busy week of saves cannot crowd out the new
 * papers; a short section's share goes to the others.
 */
export function splitWeekly(
  entries: readonly WeeklyEntry[],
  size: number,
): { shown: WeeklyEntry[]; rest: WeeklyEntry[] } {
  const share = Math.floor(size / SECTIONS.length);
  const picked = new Set<WeeklyEntry>();
  for (const section of SECTIONS)
    for (const entry of entries.filter((e) => e.section === section).slice(0, share)) picked.add(entry);
  for (const entry of entries) if (picked.size < size) picked.add(entry);
  const bySection = (list: WeeklyEntry[]) =>
    SECTIONS.flatMap((section) => list.filter((e) => e.section === section));
  return {
    shown: bySection(entries.filter((e) => picked.has(e))),
    rest: bySection(entries.filter((e) => !picked.has(e))),
  };
}
