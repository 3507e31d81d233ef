// Each team's trained taste, kept until its saves or dismissals change, and retrained in the background after they do.

import type { PaperVectors } from "../search/paper-vectors.js";
import type { WorkspaceKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { TeamTaste } from "./team-taste.js";

interface Trained {
  key: string;
  taste: TeamTaste;
}

/** Per vector set (a corpus's features) and workspace: every channel of a team shares its model. */
const trained = new WeakMap<PaperVectors, Map<WorkspaceKey, Trained>>();

/** What the model depends on: the signals, the day (saves decay by age) and the corpus size (its sample). */
function signalsKey(store: Store, vectors: PaperVectors, workspace: WorkspaceKey, now: Date): string {
  const saves = store.savesIn(workspace).map((s) => `${s.userId}\u0000${s.paperId}\u0000${s.savedAt}`);
  const dismissals = store.dismissalsIn(workspace).map((d) => `${d.userId}\u0000${d.paperId}`);
  return `${now.toISOString().slice(0, 10)}\u0001${vectors.size}\u0001${saves.join("\u0002")}\u0001${dismissals.join("\u0002")}`;
}

/** The team's taste as of its current signals: the kept one, or a new one trained now (a few milliseconds). */
export function tasteFor(store: Store, vectors: PaperVectors, workspace: WorkspaceKey, now: Date): TeamTaste {
  let teams = trained.get(vectors);
  if (!teams) {
    teams = new Map();
    trained.set(vectors, teams);
  }
  const key = signalsKey(store, vectors, workspace, now);
  const kept = teams.get(workspace);
  if (kept && kept.key === key) return kept.taste;
  const taste = TeamTaste.train(
    { workspace, saves: store.savesIn(workspace), dismissals: store.dismissalsIn(workspace) },
    vectors,
    now,
  );
  teams.set(workspace, { key, taste });
  return taste;
}

/**
 * Retrains a team's model after a save or dismissal, once the reply is on its way: the next `today`
 * or digest then finds it ready instead of training on its own path.
 */
export function retrainSoon(store: Store, vectors: PaperVectors, workspace: WorkspaceKey, now: Date): void {
  setImmediate(() => {
    try {
      tasteFor(store, vectors, workspace, now);
    } catch {
      // A failed background retrain is retried by the next compose, which trains when it must.
    }
  });
}
