// Progress on stderr: a live line with rate and time left on a terminal, a line per stage otherwise.
import type { Progress } from "../ingest/progress.js";

export interface ProgressTarget {
  write(text: string): void;
  /** A terminal can redraw a line in place; a log file or pipe gets whole lines only. */
  isTTY: boolean;
  /** Milliseconds, for the rate and time left (a monotonic clock in production). */
  clock: () => number;
}

/** Redrawing more often than this only costs time. */
const REDRAW_MS = 200;
/** Stages smaller than this end before anyone wonders what is happening: they stay silent. */
export const PROGRESS_MIN_ITEMS = 2_000;

const number = (n: number) => n.toLocaleString("en-US");

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** One live line: "summarizing 12,000/97,169 papers · 2,345 papers/s · 36s left". */
export function progressLine(
  label: string,
  done: number,
  total: number,
  unit: string,
  seconds: number,
): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const parts = [`${label} ${number(done)}/${number(total)} ${unit}`];
  if (rate > 0) parts.push(`${number(Math.round(rate))} ${unit}/s`);
  if (rate > 0 && done < total) parts.push(`${duration((total - done) / rate)} left`);
  return parts.join(" · ");
}

export function createProgressLine(target: ProgressTarget, minItems = PROGRESS_MIN_ITEMS): Progress {
  let label = "";
  let unit = "";
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let shown = false;
  let live = false;
  const draw = (force: boolean) => {
    const now = target.clock();
    if (!force && now - drawnAt < REDRAW_MS) return;
    drawnAt = now;
    target.write(`\r\u001b[2K${progressLine(label, done, total, unit, (now - startedAt) / 1000)}`);
    live = true;
  };
  const finish = () => {
    if (shown && target.isTTY) draw(true);
    if (live) target.write("\n");
    live = false;
  };
  return {
    stage(name, size, stageUnit = "papers") {
      finish();
      label = name;
      unit = stageUnit;
      total = size;
      done = 0;
      startedAt = target.clock();
      shown = size >= minItems;
      if (!shown) return;
      if (target.isTTY) draw(true);
      else target.write(`${name} ${number(size)} ${unit}…\n`);
    },
    advance(count) {
      done += count;
      if (shown && target.isTTY) draw(false);
    },
    done() {
      finish();
      shown = false;
    },
  };
}
