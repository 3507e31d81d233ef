// How fast this machine is right now: a fixed CPU loop and a fixed write to fresh memory, to read the other figures by.
// On the 2-core VM of BENCHMARKS.md both moved by a third within an hour, and every timing with them.
import { type Measure, runChild } from "../child.js";

/** Multiply-xor over a 4 MB table: CPU and cache only, no allocation (~0.65 s on a fast hour here). */
function cpuLoop(rounds: number): number {
  const table = new Int32Array(1 << 20);
  let hash = 0;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < table.length; i++) {
      hash = Math.imul(hash ^ (table[(i * 7919) & (table.length - 1)] as number), 16777619);
      table[i] = hash;
    }
  }
  return hash;
}

/** Writes `mb` megabytes of memory the process never touched: page faults, what the builds pay per MB. */
function freshMemory(mb: number): number {
  const bytes = new Int32Array((mb * 2 ** 20) / 4);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i;
  return bytes[bytes.length - 1] as number;
}

function timed(work: () => number): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export const measure: Measure = async ({ smoke }) => {
  cpuLoop(4);
  const cpuLoopMs = timed(() => cpuLoop(smoke ? 40 : 400));
  const mb = smoke ? 20 : 200;
  const freshMsPerMb = timed(() => freshMemory(mb)) / mb;
  return { cpuLoopMs, freshMsPerMb };
};

runChild(measure, import.meta.url);
