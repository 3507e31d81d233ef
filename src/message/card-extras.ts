// The figure, the code and the project page of a paper card: checked links and the short names people read.
import type { Paper, ScholarFacts } from "../papers/paper.js";
import { webUrl } from "../papers/web-url.js";
import type { PaperCard } from "./reply.js";

const GITHUB_HOSTS = new Set(["github.com", "www.github.com"]);
/** GitHub's own rules: an owner of letters, digits and inner hyphens; a repository of letters, digits, `.`, `_`, `-`. */
const GITHUB_PATH = /^\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/;

const compactCount = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** Stars as people write them: 999, 1.2k, 12.3k, 1.5m. */
export function formatStars(stars: number): string {
  return compactCount.format(stars).toLowerCase();
}

/**
 * What to call a repository: "owner/repo" on GitHub, else its host. A name GitHub would not allow (one that
 * smuggles markup or a mention) is never shown: the link is then named after its host.
 */
export function repoName(url: string): string {
  const parsed = new URL(url);
  const match = GITHUB_HOSTS.has(parsed.hostname) ? GITHUB_PATH.exec(parsed.pathname) : null;
  return match ? `${match[1]}/${match[2]}` : parsed.hostname;
}

/** Semantic Scholar's facts as one line: "cited by 1.2k (56 influential) · ICLR 2024", or undefined. */
export function citationsLine(facts: ScholarFacts | undefined): string | undefined {
  if (!facts) return undefined;
  const parts: string[] = [];
  if (facts.citationCount !== undefined) {
    const influential = facts.influentialCitationCount
      ? ` (${formatStars(facts.influentialCitationCount)} influential)`
      : "";
    parts.push(`cited by ${formatStars(facts.citationCount)}${influential}`);
  }
  const venue = [facts.venue?.slice(0, 80), facts.year]
    .filter((part) => part !== undefined && part !== "")
    .join(" ");
  if (venue) parts.push(venue);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** The card fields for a paper's thumbnail, code, project page and citations; each link checked again, whatever stored it. */
export function cardExtras(paper: Paper): Pick<PaperCard, "image" | "code" | "projectPage" | "citations"> {
  const image = webUrl(paper.thumbnail);
  const repo = webUrl(paper.githubRepo);
  const projectPage = webUrl(paper.projectPage);
  const stars =
    repo && Number.isSafeInteger(paper.githubStars) && (paper.githubStars as number) >= 0
      ? formatStars(paper.githubStars as number)
      : undefined;
  const citations = citationsLine(paper.scholar);
  return {
    ...(citations ? { citations } : {}),
    ...(image ? { image } : {}),
    ...(repo ? { code: { url: repo, name: repoName(repo), ...(stars ? { stars } : {}) } } : {}),
    ...(projectPage ? { projectPage } : {}),
  };
}
