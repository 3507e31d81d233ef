// Plain-text renderings of papers for the terminal.
import { citationsLine, formatStars } from "../message/card-extras.js";
import { authorLine, primaryLink } from "../papers/describe.js";
import type { Paper } from "../papers/paper.js";
import { readableText } from "../summarize/tldr.js";

export function paperLine(paper: Paper): string {
  const date = paper.published ?? "    -     ";
  const votes = paper.upvotes === undefined ? "   " : String(paper.upvotes).padStart(3);
  return `${paper.id.padEnd(14)} ${date} ${votes}  ${paper.title}`;
}

export function paperDetails(paper: Paper): string {
  const lines = [paper.title, ""];
  const field = (label: string, value: string | undefined) => {
    if (value) lines.push(`${`${label}:`.padEnd(14)}${value}`);
  };
  field("id", paper.id);
  field("arXiv", paper.arxivId);
  field("authors", authorLine(paper, 10));
  field("organization", paper.organization);
  field("categories", paper.categories.join(", ") || undefined);
  field("published", paper.published);
  field("upvotes", paper.upvotes?.toString());
  field("link", primaryLink(paper));
  field("pdf", paper.links.pdf);
  field("citations", citationsLine(paper.scholar));
  field(
    "code",
    paper.githubRepo &&
      `${paper.githubRepo}${paper.githubStars !== undefined ? ` ★ ${formatStars(paper.githubStars)}` : ""}`,
  );
  field("project page", paper.projectPage);
  field("figure", paper.thumbnail);
  field("TL;DR", paper.tldr);
  field("key phrases", paper.keyphrases?.join(", "));
  field(
    "seen in",
    paper.sightings.map((s) => (s.observedOn ? `${s.ref} (${s.observedOn})` : s.ref)).join(", "),
  );
  lines.push("", readableText(paper.abstract));
  return lines.join("\n");
}
