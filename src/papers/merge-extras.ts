// Merging a paper's thumbnail, code repository, stars and project page: the newest observation wins, nothing known is lost.
import type { Paper, ParsedPaper } from "./paper.js";

export type PaperExtras = Pick<
  Paper,
  "thumbnail" | "githubRepo" | "githubStars" | "projectPage" | "extrasObservedOn"
>;

function hasExtras(paper: PaperExtras): boolean {
  return paper.thumbnail !== undefined || paper.githubRepo !== undefined || paper.projectPage !== undefined;
}

/**
 * The extras after also seeing `incoming` (as upvotes: a newer or same-day observation wins, field by field; an
 * older one only fills what is missing). Empty when `incoming` brings none, so the existing ones stand.
 */
export function mergedExtras(existing: PaperExtras, incoming: ParsedPaper): PaperExtras {
  if (!hasExtras(incoming)) return {};
  const observed = incoming.extrasObservedOn ?? incoming.sighting.observedOn ?? incoming.sighting.seenAt;
  const newer = existing.extrasObservedOn === undefined || observed >= existing.extrasObservedOn;
  const [first, second] = newer ? [incoming, existing] : [existing, incoming];
  // Stars belong to their repository: they are taken from whichever side gave the repository kept.
  const githubRepo = first.githubRepo ?? second.githubRepo;
  const starsFrom = first.githubRepo !== undefined ? first : second;
  return {
    thumbnail: first.thumbnail ?? second.thumbnail,
    githubRepo,
    githubStars: githubRepo === undefined ? undefined : starsFrom.githubStars,
    projectPage: first.projectPage ?? second.projectPage,
    extrasObservedOn: newer ? observed : existing.extrasObservedOn,
  };
}
