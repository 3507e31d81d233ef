// Keeps multi-workspace OAuth installations (bot tokens per Slack team) in one JSON file in the data directory.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";

type Stored = Installation<"v1" | "v2", boolean>;

/** One key per install: an org-wide install by enterprise, a workspace install by (enterprise, team). */
function keyOf(
  enterpriseId: string | undefined,
  teamId: string | undefined,
  isEnterpriseInstall: boolean,
): string {
  return isEnterpriseInstall ? `E:${enterpriseId ?? ""}` : `T:${enterpriseId ?? ""}:${teamId ?? ""}`;
}

/**
 * A store for `@slack/oauth` backed by `path` (e.g. `data/slack-installations.json`). The file holds bot
 * tokens, so it is written with mode 0600, through a temporary file and a rename so a crash never leaves
 * half a file. One process should own the file (see PLATFORM-NOTES, lowdb: two writers lose updates).
 */
export function createFileInstallationStore(path: string): InstallationStore {
  let cache: Record<string, Stored> | undefined;
  let writes: Promise<void> = Promise.resolve();

  async function load(): Promise<Record<string, Stored>> {
    if (cache) return cache;
    try {
      cache = JSON.parse(await readFile(path, "utf8")) as Record<string, Stored>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new Error(`The Slack installations file ${path} is unreadable: ${(error as Error).message}`);
      }
      cache = {};
    }
    return cache;
  }

  function save(all: Record<string, Stored>): Promise<void> {
    const next = writes.then(async () => {
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, path);
    });
    writes = next.catch(() => {});
    return next;
  }

  return {
    async storeInstallation(installation) {
      const all = await load();
      const isEnterprise = Boolean(installation.isEnterpriseInstall);
      all[keyOf(installation.enterprise?.id, installation.team?.id, isEnterprise)] = installation as Stored;
      await save(all);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const all = await load();
      const found = all[keyOf(query.enterpriseId, query.teamId, query.isEnterpriseInstall)];
      if (!found) {
        throw new Error(
          `No Slack installation for team ${query.teamId ?? "?"} (enterprise ${query.enterpriseId ?? "none"}).`,
        );
      }
      return found;
    },
    // Called when a workspace uninstalls paperbot or revokes its token; deleting what is gone is a no-op.
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const all = await load();
      const key = keyOf(query.enterpriseId, query.teamId, query.isEnterpriseInstall);
      if (!(key in all)) return;
      delete all[key];
      await save(all);
    },
  };
}
