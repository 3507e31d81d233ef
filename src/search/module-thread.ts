// Starts one of paperbot's own modules on a worker thread, whether paperbot runs compiled (dist/) or from its TypeScript sources.
import { isMainThread, type ResourceLimits, Worker, workerData } from "node:worker_threads";

/**
 * A worker running the module at `moduleUrl` (pass `import.meta.url`), started with `tag` as its
 * `workerData` so the module knows it is the thread's entry and not an import (`isThreadOf`). Compiled,
 * the module is the entry itself; from the TypeScript sources (tsx, vitest) it is loaded through tsx
 * registered in the thread first (Node 20 does not apply a `--import`ed loader to a thread's entry).
 */
export function startModuleThread(moduleUrl: string, tag: string, resourceLimits?: ResourceLimits): Worker {
  const url = new URL(moduleUrl);
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData: tag, resourceLimits });
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: tag, resourceLimits });
}

/** Whether this code runs as the entry of a thread `startModuleThread` started with `tag`. */
export function isThreadOf(tag: string): boolean {
  return !isMainThread && workerData === tag;
}
