// Preloaded into a measured command (`node --import`): at exit it writes the process's CPU time and peak resident memory to the file PAPERBOT_BENCH_USAGE names.
import { writeFileSync } from "node:fs";

const target = process.env.PAPERBOT_BENCH_USAGE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
        maxRssKb: usage.maxRSS,
      }),
    );
  });
}
