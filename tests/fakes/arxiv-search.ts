// A local fake of the arXiv API's title search: a loose phrase match like arXiv's, so near-namesakes come back too.
import { normalizeTitle } from "../../src/papers/ids.js";
import { type FeedServer, startFeedServer } from "../ingest/live/feed-server.js";

export interface ArxivEntry {
  id: string;
  title: string;
  abstract?: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An Atom feed as the arXiv API writes one, with these entries. */
export function atomFeed(entries: readonly ArxivEntry[]): string {
  const items = entries.map(
    (e) => `  <entry>
    <id>http://arxiv.org/abs/${e.id}v1</id>
    <updated>2022-03-14T12:00:00Z</updated>
    <published>2022-03-14T12:00:00Z</published>
    <title>${escapeXml(e.title)}</title>
    <summary>${escapeXml(e.abstract ?? "An abstract that is long enough to be one, about local steps in SGD and more.")}</summary>
    <author><name>Tiancheng Qin</name></author>
    <link href="http://arxiv.org/abs/${e.id}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${e.id}v1" rel="related" type="application/pdf"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query</title>
  <id>http://arxiv.org/api/fake</id>
  <updated>2024-06-18T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:totalResults>
${items.join("\n")}
</feed>`;
}

export interface FakeArxivSearch {
  server: FeedServer;
  /** The API endpoint to configure as `sourceUrls.arxivApi`. */
  apiUrl: string;
  /** The search phrases asked for, in order. */
  phrases(): string[];
  close(): Promise<void>;
}

/** Answers `search_query=ti:"words"` with every known entry whose normalised title contains the words. */
export async function startFakeArxivSearch(known: readonly ArxivEntry[]): Promise<FakeArxivSearch> {
  const server = await startFeedServer();
  const phraseOf = (url: URL) => /^ti:"(.*)"$/.exec(url.searchParams.get("search_query") ?? "")?.[1];
  server.route(
    (url) => url.pathname === "/api/query",
    (url) => {
      const phrase = phraseOf(url);
      const hits = phrase === undefined ? [] : known.filter((e) => normalizeTitle(e.title).includes(phrase));
      return { headers: { "content-type": "application/atom+xml" }, body: atomFeed(hits) };
    },
  );
  return {
    server,
    apiUrl: `${server.baseUrl}/api/query`,
    phrases: () => server.requests.map((r) => phraseOf(r.url) ?? ""),
    close: () => server.close(),
  };
}
