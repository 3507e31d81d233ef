// What the commands run on, loaded once a command is about to run: `paperbot --help` and a usage error never wait for it.

/**
 * The settings schema (zod), the store (lowdb), the fetchers (ky), the summarizer, the search index and
 * the team models: together ~250 modules, most of what `paperbot --help` used to spend its time loading.
 */
async function importCommandParts() {
  const [
    config,
    enricher,
    scholar,
    ingestFiles,
    lowStore,
    openSearch,
    compose,
    format,
    paperReference,
    saving,
  ] = await Promise.all([
    import("../config.js"),
    import("../ingest/enricher.js"),
    import("../ingest/fetch/semantic-scholar.js"),
    import("../ingest/ingest-files.js"),
    import("../store/low-store.js"),
    import("./open-search.js"),
    import("../digest/compose.js"),
    import("./format.js"),
    import("../chat/paper-reference.js"),
    import("../chat/saving.js"),
  ]);
  return {
    ...config,
    ...enricher,
    ...scholar,
    ...ingestFiles,
    ...lowStore,
    ...openSearch,
    ...compose,
    ...format,
    ...paperReference,
    ...saving,
  };
}

export type CommandParts = Awaited<ReturnType<typeof importCommandParts>>;

let loaded: CommandParts | undefined;

/** Loads the commands' modules once per process. */
export async function loadCommandParts(): Promise<CommandParts> {
  loaded ??= await importCommandParts();
  return loaded;
}

/** The commands' modules, which a command's action finds loaded (its preAction hook awaited them). */
export function loadedCommandParts(): CommandParts {
  if (!loaded) throw new Error("a command ran before its modules were loaded");
  return loaded;
}
