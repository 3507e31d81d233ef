// The figure, the code and the project page of a paper card: checked links and the short names people read.
import type { Paper } from "../papers/paper.js";
import { webUrl } from "../papers/web-url.js";
import type { PaperCard } from "./port.js";

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

/** The card fields for a paper's thumbnail, code and project page; each link checked again, whatever stored it. */
export function cardExtras(paper: Paper): Pick<PaperCard, "image" | "code" | "projectPage"> {
  const image = webUrl(paper.thumbnail);
  const repo = webUrl(paper.githubRepo);
  const projectPage = webUrl(paper.projectPage);
  const stars =
    repo && Number.isSafeInteger(paper.githubStars) && (paper.githubStars as number) >= 0
      ? formatStars(paper.githubStars as number)
      : undefined;
  return {
    ...(image ? { image } : {}),
    ...(repo ? { code: { url: repo, name: repoName(repo), ...(stars ? { stars } : {}) } } : {}),
    ...(projectPage ? { projectPage } : {}),
  };
}
