// The team-ranking section of `npm run eval` (issue 14): every system on the held-out topics, at seed scale and in generated corpora.
import { pathToFileURL } from "node:url";
import {
  BASELINES,
  evaluateScale,
  type ScaleReport,
  type SystemFactory,
  teamTasteSystem,
} from "./taste-eval.js";
import { daysArrivals, dismissalSinks } from "./taste-scenarios.js";

/** The 100k corpus takes minutes (the SVM baseline trains on every paper per topic): only with --100k. */
export function tasteScales(argv: readonly string[]): number[] {
  return argv.includes("--100k") ? [0, 10_000, 100_000] : [0, 10_000];
}

export function tasteSystems(): Record<string, SystemFactory> {
  // The ranking before issue 14 (saves' search neighbours) was measured by commit 677fe34's run of
  // this protocol; its code is gone, its figures are in docs/quality.md.
  return { "team taste (src/taste)": teamTasteSystem(), ...BASELINES };
}

export function formatScale(report: ScaleReport): string {
  const scale =
    report.generated === 0 ? "seeds" : `seeds + ${report.generated.toLocaleString("en-US")} generated`;
  const svm = report.systems.find((s) => s.system.startsWith("linear SVM"));
  const lines = [
    `  ${scale} (${report.papers.toLocaleString("en-US")} papers), held-out topics: ${report.systems[0]?.topics.length ?? 0}`,
  ];
  for (const s of report.systems) {
    const ratio = svm && svm.p5 > 0 ? `  ${(s.p5 / svm.p5).toFixed(2)}× SVM` : "";
    lines.push(`    ${s.system.padEnd(38)} P@5 ${s.p5.toFixed(2)}  nDCG@10 ${s.ndcg10.toFixed(2)}${ratio}`);
  }
  return lines.join("\n");
}

export async function runTasteEval(argv: readonly string[]): Promise<void> {
  console.log("\nteam ranking (issue 14): normalized P@5 and nDCG@10 on the held-out topics");
  for (const generated of tasteScales(argv)) {
    console.log(formatScale(await evaluateScale(generated, tasteSystems())));
  }
  for (const generated of tasteScales(argv).filter((n) => n > 0)) {
    const a = await daysArrivals(generated);
    console.log(
      `  day's arrivals, archive of ${a.archive.toLocaleString("en-US")}: ${a.onTopicInTop5} of ${a.onTopicArrivals} on-topic arrivals (of ${a.arrivals} new papers) in the top 5`,
    );
  }
  const d = await dismissalSinks();
  console.log(
    `  dismissal: quantization papers in the top 10 ${d.before} → ${d.after} after two were marked not for us; dismissed ones shown again: ${d.dismissedShownAgain}`,
  );
}

// Run alone (`npx tsx tests/eval/run-taste-eval.ts [--100k]`) it prints this section only.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runTasteEval(process.argv.slice(2));
}
