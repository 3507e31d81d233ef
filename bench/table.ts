// Renders the benchmark's medians as one Markdown table: a row per figure, a column per corpus size, ratios beside baselines.

export type Results = Record<string, Record<number, Record<string, number | string | boolean>>>;

interface Row {
  label: string;
  value: (results: Results, size: number) => number | undefined;
  digits?: number;
}

const get = (results: Results, name: string, size: number, key: string): number | undefined => {
  const value = results[name]?.[size]?.[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};

const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a !== undefined && b !== undefined && b > 0 ? a / b : undefined;

const ROWS: Row[] = [
  {
    label: "machine speed now: a fixed CPU loop (ms; ~650 on a fast hour here, ~890 on a slow one)",
    value: (r, n) => get(r, "calibrate", n, "cpuLoopMs"),
    digits: 0,
  },
  {
    label: "… writing fresh memory (ms a MB)",
    value: (r, n) => get(r, "calibrate", n, "freshMsPerMb"),
    digits: 2,
  },
  {
    label: "ingest, parse + merge + persist (papers/s)",
    value: (r, n) => get(r, "ingest", n, "papersPerS"),
    digits: 0,
  },
  {
    label: "… of which parsing, pages and listing (s)",
    value: (r, n) => ms(get(r, "ingest", n, "parseMs")),
    digits: 2,
  },
  {
    label: "… of which merging into the corpus (s)",
    value: (r, n) => ms(get(r, "ingest", n, "mergeMs")),
    digits: 2,
  },
  {
    label: "… of which persisting through the store (s)",
    value: (r, n) => ms(get(r, "ingest", n, "persistMs")),
    digits: 2,
  },
  {
    label: "ingest + summaries + indexing (papers/s)",
    value: (r, n) => get(r, "ingest", n, "withSummariesAndIndexPerS"),
    digits: 0,
  },
  {
    label: "live batch of 100 into the store (ms)",
    value: (r, n) => get(r, "ingest", n, "liveBatchMs"),
    digits: 0,
  },
  {
    label: "`paperbot ingest` of N listing papers, CPU (s)",
    value: (r, n) => ms(get(r, "ingest", n, "cliCpuMs")),
    digits: 1,
  },
  {
    label: "… its peak resident memory (MB)",
    value: (r, n) => get(r, "ingest", n, "cliPeakRssMb"),
    digits: 0,
  },
  {
    label: "cold start to ready, restart with index file (s)",
    value: (r, n) => ms(get(r, "cold-start", n, "readyMs")),
    digits: 2,
  },
  {
    label: "… of which loading the store (s)",
    value: (r, n) => ms(get(r, "cold-start", n, "loadMs")),
    digits: 2,
  },
  {
    label: "… from process start, incl. Node + tsx + imports (s)",
    value: (r, n) => ms(get(r, "cold-start", n, "processReadyMs")),
    digits: 2,
  },
  {
    label: "… with malloc on huge pages, as docs/operations.md runs the bot (s)",
    value: (r, n) => ms(get(r, "cold-start-huge-pages", n, "readyMs")),
    digits: 2,
  },
  {
    label: "… ratio to the same start without (×)",
    value: (r, n) => ratio(get(r, "cold-start-huge-pages", n, "readyMs"), get(r, "cold-start", n, "readyMs")),
    digits: 2,
  },
  { label: "resident memory at ready (MB)", value: (r, n) => get(r, "cold-start", n, "rssMb"), digits: 0 },
  {
    label: "peak resident memory during start (MB)",
    value: (r, n) => get(r, "cold-start", n, "peakRssMb"),
    digits: 0,
  },
  {
    label: "store load alone, wall (s)",
    value: (r, n) => ms(get(r, "store-load", n, "loadMs")),
    digits: 2,
  },
  {
    label: "store load alone, CPU (s)",
    value: (r, n) => ms(get(r, "store-load", n, "loadCpuMs")),
    digits: 2,
  },
  {
    label: "store load alone, peak resident memory (MB)",
    value: (r, n) => get(r, "store-load", n, "peakRssMb"),
    digits: 0,
  },
  {
    label: "cold start, first (no index file) (s)",
    value: (r, n) => ms(get(r, "cold-start-first", n, "readyMs")),
    digits: 2,
  },
  {
    label: "… its CPU time, user + system (s)",
    value: (r, n) => ms(get(r, "cold-start-first", n, "cpuMs")),
    digits: 2,
  },
  {
    label: "… with malloc on huge pages, as docs/operations.md runs the bot (s)",
    value: (r, n) => ms(get(r, "cold-start-first-huge-pages", n, "readyMs")),
    digits: 2,
  },
  {
    label: "… its CPU time, user + system (s)",
    value: (r, n) => ms(get(r, "cold-start-first-huge-pages", n, "cpuMs")),
    digits: 2,
  },
  {
    label: "… its peak resident memory (MB)",
    value: (r, n) => get(r, "cold-start-first-huge-pages", n, "peakRssMb"),
    digits: 0,
  },
  {
    label: "search index build, wall / CPU (s)",
    value: (r, n) => ms(get(r, "build-search", n, "indexMs")),
    digits: 2,
  },
  { label: "", value: (r, n) => ms(get(r, "build-search", n, "indexCpuMs")), digits: 2 },
  {
    label: "paper vectors build, wall / CPU (s)",
    value: (r, n) => ms(get(r, "build-search", n, "vectorsMs")),
    digits: 2,
  },
  { label: "", value: (r, n) => ms(get(r, "build-search", n, "vectorsCpuMs")), digits: 2 },
  {
    label: "both at once, the vectors (and pairs) on a second thread fed the index's words, wall / CPU (s)",
    value: (r, n) => ms(get(r, "build-search", n, "bothMs")),
    digits: 2,
  },
  { label: "", value: (r, n) => ms(get(r, "build-search", n, "bothCpuMs")), digits: 2 },
  {
    label: "… the thread sent the papers' text instead, wall / CPU (s)",
    value: (r, n) => ms(get(r, "build-search", n, "bothFromTextMs")),
    digits: 2,
  },
  { label: "", value: (r, n) => ms(get(r, "build-search", n, "bothFromTextCpuMs")), digits: 2 },
  { label: "search p50, paperbot (ms)", value: (r, n) => get(r, "search", n, "p50"), digits: 2 },
  { label: "search p99, paperbot (ms)", value: (r, n) => get(r, "search", n, "p99"), digits: 2 },
  {
    label: "search CPU a query, exhaustive / pruned (ms)",
    value: (r, n) => get(r, "search-pruned", n, "exhaustiveCpuMsPerQuery"),
    digits: 3,
  },
  { label: "", value: (r, n) => get(r, "search-pruned", n, "prunedCpuMsPerQuery"), digits: 3 },
  {
    label: "pruned pages that differ",
    value: (r, n) => get(r, "search-pruned", n, "differingPages"),
    digits: 0,
  },
  { label: "search p50, natural TfIdf (ms)", value: (r, n) => get(r, "search-natural", n, "p50"), digits: 1 },
  { label: "search p99, natural TfIdf (ms)", value: (r, n) => get(r, "search-natural", n, "p99"), digits: 1 },
  { label: "search p50, MiniSearch (ms)", value: (r, n) => get(r, "search-minisearch", n, "p50"), digits: 1 },
  { label: "search p99, MiniSearch (ms)", value: (r, n) => get(r, "search-minisearch", n, "p99"), digits: 1 },
  {
    label: "× faster than natural, p50 / p99 (same queries)",
    value: (r, n) => ratio(get(r, "search-natural", n, "p50"), get(r, "search", n, "subsetP50")),
    digits: 0,
  },
  {
    label: "",
    value: (r, n) => ratio(get(r, "search-natural", n, "p99"), get(r, "search", n, "subsetP99")),
    digits: 0,
  },
  {
    label: "× faster than MiniSearch, p50 / p99 (same queries)",
    value: (r, n) => ratio(get(r, "search-minisearch", n, "p50"), get(r, "search", n, "subsetP50")),
    digits: 0,
  },
  {
    label: "",
    value: (r, n) => ratio(get(r, "search-minisearch", n, "p99"), get(r, "search", n, "subsetP99")),
    digits: 0,
  },
  {
    label: "`paperbot search` with the index file, process start to exit (s)",
    value: (r, n) => ms(get(r, "search-cli", n, "medianMs")),
    digits: 2,
  },
  {
    label: "… the first one, which reads the store and stamps the index file (s)",
    value: (r, n) => ms(get(r, "search-cli", n, "firstMs")),
    digits: 2,
  },
  {
    label: "`paperbot --help`, process start to exit (s)",
    value: (r, n) => ms(get(r, "search-cli", n, "helpMs")),
    digits: 2,
  },
  {
    // The runner keeps a measurement's stderr to itself when it succeeds, so its warning about this is not seen.
    label: "… `paperbot` ran dist/ (1), or the sources through tsx as dist/ was stale (0)",
    value: (r, n) => get(r, "search-cli", n, "compiled"),
    digits: 0,
  },
  {
    label: "`paperbot digest` with the index and vectors files, process start to exit (s)",
    value: (r, n) => ms(get(r, "search-cli", n, "digestMs")),
    digits: 2,
  },
  { label: "index build from papers (s)", value: (r, n) => ms(get(r, "search", n, "buildMs")), digits: 1 },
  {
    label: "follows, match 10,000 against 1,000 new papers (s)",
    value: (r, n) => ms(get(r, "follows", n, "matchMs")),
    digits: 3,
  },
  {
    label: "… baseline: every follow scans every new paper (s)",
    value: (r, n) => ms(get(r, "follows", n, "scanMs")),
    digits: 2,
  },
  {
    label: "… corpus author names, built once (s)",
    value: (r, n) => ms(get(r, "follows", n, "namesMs")),
    digits: 2,
  },
  {
    label: "digest, compose 1,000 channels (s)",
    value: (r, n) => get(r, "digest", n, "composeS"),
    digits: 2,
  },
  {
    label: "… CPU time (s)",
    value: (r, n) => get(r, "digest", n, "composeCpuS"),
    digits: 2,
  },
  {
    label: "digest, full tick for 1,000 channels (s)",
    value: (r, n) => get(r, "digest", n, "tickS"),
    digits: 2,
  },
  {
    label: "… CPU time (s)",
    value: (r, n) => get(r, "digest", n, "tickCpuS"),
    digits: 2,
  },
  {
    label: "team model retrain after a save, p50 / p99 (ms)",
    value: (r, n) => get(r, "retrain", n, "retrainP50"),
    digits: 1,
  },
  { label: "", value: (r, n) => get(r, "retrain", n, "retrainP99"), digits: 1 },
  {
    label: "… CPU time p50 / p99 (ms)",
    value: (r, n) => get(r, "retrain", n, "retrainCpuP50"),
    digits: 1,
  },
  { label: "", value: (r, n) => get(r, "retrain", n, "retrainCpuP99"), digits: 1 },
  {
    label: "resident memory, bot without paper vectors (MB)",
    value: (r, n) => get(r, "retrain", n, "rssWithoutMb"),
    digits: 0,
  },
  {
    label: "… with them (MB; ratio)",
    value: (r, n) => get(r, "retrain", n, "rssWithMb"),
    digits: 0,
  },
  { label: "", value: (r, n) => get(r, "retrain", n, "rssRatio"), digits: 2 },
  { label: "save by reaction, p50 (ms)", value: (r, n) => get(r, "save", n, "p50"), digits: 2 },
  { label: "save by reaction, p99 (ms)", value: (r, n) => get(r, "save", n, "p99"), digits: 2 },
  {
    label: "HTTP `/papers search`, requests/s (20 conn.)",
    value: (r, n) => get(r, "e2e-http", n, "requestsPerS"),
    digits: 0,
  },
  { label: "… ack p50 / p99 (ms)", value: (r, n) => get(r, "e2e-http", n, "ackP50"), digits: 0 },
  { label: "", value: (r, n) => get(r, "e2e-http", n, "ackP99"), digits: 0 },
  {
    label: "… answer shown (in the ack, else at response_url) p50 / p99 (ms)",
    value: (r, n) => get(r, "e2e-http", n, "e2eP50"),
    digits: 0,
  },
  { label: "", value: (r, n) => get(r, "e2e-http", n, "e2eP99"), digits: 0 },
  {
    label: "… app CPU per request (ms)",
    value: (r, n) => get(r, "e2e-http", n, "appCpuMsPerRequest"),
    digits: 2,
  },
  {
    label: "… errors (incl. timeouts, non-2xx, unanswered)",
    value: (r, n) => sum(get(r, "e2e-http", n, "errors"), get(r, "e2e-http", n, "unanswered")),
    digits: 0,
  },
];

function ms(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 1000;
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? undefined : a + (b ?? 0);
}

function cell(value: number | undefined, digits = 1): string {
  return value === undefined
    ? "–"
    : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function renderTable(results: Results, sizes: readonly number[]): string {
  const header = `| figure | ${sizes.map((n) => `N = ${n.toLocaleString("en-US")}`).join(" | ")} |`;
  const rule = `| --- | ${sizes.map(() => "---:").join(" | ")} |`;
  const lines: string[] = [header, rule];
  for (let i = 0; i < ROWS.length; i++) {
    const row = ROWS[i] as Row;
    if (row.label === "") continue;
    const next = ROWS[i + 1];
    const paired = next?.label === "";
    const cells = sizes.map((n) => {
      const first = cell(row.value(results, n), row.digits);
      return paired && next ? `${first} / ${cell(next.value(results, n), next.digits)}` : first;
    });
    if (cells.every((c) => c === "–" || c === "– / –")) continue;
    lines.push(`| ${row.label} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
