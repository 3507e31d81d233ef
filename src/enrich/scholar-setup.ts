// Builds the Semantic Scholar enrichment job from the settings and secrets, or nothing when it is turned off.
import type { Config } from "../config.js";
import { createScholarClient } from "../ingest/fetch/semantic-scholar.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import { createScholarJob, type ScholarJob } from "./scholar-job.js";
import type { RefreshPolicy } from "./scholar-refresh.js";

export function refreshPolicy(config: Config): RefreshPolicy {
  const { refreshDays, youngDays, youngRefreshDays } = config.settings.semanticScholar;
  return { refreshDays, youngDays, youngRefreshDays };
}

/** The job, or undefined when `semanticScholar.enabled` is false (then nothing is ever sent to Semantic Scholar). */
export function createScholarEnrichment(
  config: Config,
  deps: { store: Store; now: () => Date; log?: Logger },
): ScholarJob | undefined {
  const settings = config.settings.semanticScholar;
  if (!settings.enabled) return undefined;
  const client = createScholarClient({
    baseUrl: settings.apiUrl,
    apiKey: config.secrets.semanticScholarApiKey,
    timeoutMs: config.settings.fetch.timeoutMs,
    retryLimit: config.settings.fetch.retryLimit,
    retryDelayMs: config.settings.fetch.retryDelayMs,
  });
  return createScholarJob({
    ...deps,
    client,
    policy: refreshPolicy(config),
    batchSize: settings.batchSize,
  });
}
