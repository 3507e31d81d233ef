// Claiming a channel's digest day: who may post it now, as pure rules every Store applies atomically.
import type { DigestRun } from "./records.js";

/** How long a claim holds and by whose clock: renewed with every recorded message, released on finishing. */
export interface DigestLease {
  now: Date;
  leaseMs: number;
}

/** The run as the store holds it after a claim, and whether the caller now owns it (and must post it). */
export interface DigestClaim {
  run: DigestRun;
  claimed: boolean;
}

/** Thrown when a replica records progress on a run another replica has taken over: it must stop posting. */
export class DigestLeaseLost extends Error {
  constructor(
    readonly channel: string,
    readonly day: string,
  ) {
    super(
      `The digest of ${channel} for ${day} was taken over by another replica; this one stops posting it.`,
    );
    this.name = "DigestLeaseLost";
  }
}

/**
 * Whether `owner` may claim `run` at `lease.now`: only a run still being posted, not waiting out a
 * backoff, and not held by a live lease. `othersLeases: false` is for a store that is its data's only
 * writer: a lease left by an earlier instance of it belongs to a process that is gone.
 */
export function mayClaim(
  run: DigestRun,
  owner: string,
  lease: DigestLease,
  options: { othersLeases: boolean },
): boolean {
  if (run.state !== "posting") return false;
  const now = lease.now.getTime();
  if (run.nextAttemptAt && now < Date.parse(run.nextAttemptAt)) return false;
  const held = run.leaseUntil !== undefined && now < Date.parse(run.leaseUntil);
  if (held && (run.owner === owner || options.othersLeases)) return false;
  return true;
}

function leaseUntil(lease: DigestLease): string {
  return new Date(lease.now.getTime() + lease.leaseMs).toISOString();
}

/** A planned run, claimed: its first attempt. */
export function claimNew(planned: DigestRun, owner: string, lease: DigestLease): DigestRun {
  return { ...planned, state: "posting", attempts: 1, owner, leaseUntil: leaseUntil(lease) };
}

/** A half-posted run, taken over: its progress is kept, so posting resumes where it stopped. */
export function claimExisting(run: DigestRun, owner: string, lease: DigestLease): DigestRun {
  return { ...run, attempts: run.attempts + 1, owner, leaseUntil: leaseUntil(lease) };
}
