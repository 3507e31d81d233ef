// What long work reports as it goes: stages ("summarizing 97,169 papers") and how far into each it is.

export interface Progress {
  /** A new stage: "summarizing", of `total` items called `unit` ("papers"). */
  stage(label: string, total: number, unit?: string): void;
  /** `count` more items of the current stage are done. */
  advance(count: number): void;
  /** The work is over: a live line is closed. */
  done(): void;
}

export const SILENT: Progress = { stage() {}, advance() {}, done() {} };
