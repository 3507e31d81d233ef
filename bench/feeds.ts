// Renders generated papers as the sources serve them: arXiv API Atom pages and Hugging Face daily-papers JSON.
import type { Paper } from "../src/papers/paper.js";

const xml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Hard-wraps at ~78 characters with indentation, as arXiv's API does. */
function wrapped(text: string): string {
  return text.replace(/(.{1,78})(?:\s+|$)/g, "$1\n  ").trim();
}

function atomEntry(paper: Paper): string {
  const id = `${paper.arxivId}v${paper.arxivVersion ?? 1}`;
  const when = `${paper.published}T17:59:58Z`;
  return `  <entry>
    <id>http://arxiv.org/abs/${id}</id>
    <updated>${when}</updated>
    <published>${when}</published>
    <title>${xml(wrapped(paper.title))}</title>
    <summary>  ${xml(wrapped(paper.abstract))}
</summary>
${paper.authors.map((name) => `    <author>\n      <name>${xml(name)}</name>\n    </author>`).join("\n")}
    <link href="http://arxiv.org/abs/${id}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${id}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${paper.categories[0]}" scheme="http://arxiv.org/schemas/atom"/>
${paper.categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join("\n")}
  </entry>`;
}

/** One page of the arXiv API's answer holding `papers`. */
export function atomPage(papers: readonly Paper[], start: number, total: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3Dcat%3Acs.LG" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=cat:cs.LG</title>
  <id>http://arxiv.org/api/bench</id>
  <updated>2025-11-01T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${papers.length}</opensearch:itemsPerPage>
${papers.map(atomEntry).join("\n")}
</feed>
`;
}

/** A Hugging Face daily-papers answer listing `papers` with their upvotes and organisations. */
export function hfDailyPapers(papers: readonly Paper[]): string {
  return JSON.stringify(
    papers.map((paper) => ({
      paper: {
        id: paper.arxivId,
        title: paper.title,
        summary: paper.abstract,
        authors: paper.authors.map((name) => ({ name })),
        publishedAt: `${paper.published}T00:00:00.000Z`,
        upvotes: paper.upvotes ?? 0,
      },
      title: paper.title,
      summary: paper.abstract,
      publishedAt: `${paper.published}T00:00:00.000Z`,
      numComments: 2,
      ...(paper.organization
        ? { organization: { name: paper.organization.toLowerCase(), fullname: paper.organization } }
        : {}),
    })),
  );
}
