import { readIndexFileEntry } from "./src/search/index-file.js";
import { SearchIndex } from "./src/search/search-index.js";
import { parseQuery } from "./src/search/query.js";
import { LowStore } from "./src/store/low-store.js";
import { generateQueries } from "./bench/queries.js";
import { loadPapers } from "./bench/corpus-file.js";
const papers = await loadPapers(100000);
const queries = generateQueries(papers, 500);
const entry = await readIndexFileEntry("/tmp/paperbot-bench/corpus-100000-20260301-f3/search-index.v5.bin");
const { index } = SearchIndex.restore(entry!.snapshot, papers);
for (let r = 0; r < 2; r++) for (const q of queries) index.search(parseQuery(q), { limit: 5, offset: 0 });
const cost = new Map<string, number>();
for (let r = 0; r < 5; r++) for (const q of queries) { const t = performance.now(); index.search(parseQuery(q), { limit: 5, offset: 0 }); cost.set(q, (cost.get(q) ?? 0) + (performance.now() - t) / 5); }
const all = [...cost].sort((a, b) => b[1] - a[1]);
const total = all.reduce((a, [, v]) => a + v, 0);
console.log("mean ms", (total / all.length).toFixed(3), "median", all[250][1].toFixed(3));
let acc = 0; for (const [i, [q, v]] of all.entries()) { acc += v; if (i < 40) console.log(v.toFixed(2), (acc / total * 100).toFixed(0) + "%", JSON.stringify(q)); }
