// The live sources a deployment reads, as configuration: a schema that checks them and the types it yields.
import { z } from "zod";

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "a source name is lower-case letters, digits and dashes, e.g. arxiv-cs-lg");

/** One arXiv category (`cs.LG`) or several joined by `+` (`cs.LG+stat.ML`), as rss.arxiv.org takes them. */
const RSS_CATEGORIES = /^[a-z-]+(?:\.[A-Za-z-]+)?(?:\+[a-z-]+(?:\.[A-Za-z-]+)?)*$/;

export const arxivSourceSchema = z.strictObject({
  name,
  kind: z.literal("arxiv"),
  /** An arXiv API `search_query`, e.g. `cat:cs.LG` or `cat:cs.CL AND abs:retrieval`. */
  query: z.string().trim().min(1),
  /** The most papers one run reads from this query, over all pages. arXiv serves at most 30000. */
  maxResults: z.number().int().min(1).max(30_000).default(100),
  /** Papers per request; arXiv asks for pages of at most 2000, and smaller pages fail less. */
  pageSize: z.number().int().min(1).max(2000).default(100),
  sortBy: z.enum(["submittedDate", "lastUpdatedDate", "relevance"]).default("submittedDate"),
});

export const rssSourceSchema = z.strictObject({
  name,
  kind: z.literal("rss"),
  category: z.string().regex(RSS_CATEGORIES, "an arXiv category such as cs.CL, or several joined by +"),
});

export const huggingFaceSourceSchema = z.strictObject({
  name,
  kind: z.literal("huggingface"),
  /**
   * After downtime, how many of the days missed (counting back from yesterday) to read by date before
   * today's listing; 0 reads only today's.
   */
  catchUpDays: z.number().int().min(0).max(90).default(7),
});

export const sourceConfigSchema = z.discriminatedUnion("kind", [
  arxivSourceSchema,
  rssSourceSchema,
  huggingFaceSourceSchema,
]);

/** The configured list; names must be unique because fetch state is kept by name. */
export const sourceListSchema = z.array(sourceConfigSchema).superRefine((sources, context) => {
  const seen = new Set<string>();
  sources.forEach((source, index) => {
    if (seen.has(source.name)) {
      context.addIssue({
        code: "custom",
        path: [index, "name"],
        message: `the source name "${source.name}" is used twice`,
      });
    }
    seen.add(source.name);
  });
});

/** A source as the code sees it, defaults filled in. */
export type SourceConfig = z.output<typeof sourceConfigSchema>;
export type ArxivSourceConfig = z.output<typeof arxivSourceSchema>;
export type RssSourceConfig = z.output<typeof rssSourceSchema>;
export type HuggingFaceSourceConfig = z.output<typeof huggingFaceSourceSchema>;
/** A source as written in config/default.json, defaults optional. */
export type SourceConfigInput = z.input<typeof sourceConfigSchema>;
export type SourceKind = SourceConfig["kind"];
