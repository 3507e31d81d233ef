// Configuration: config/default.json, then an optional file, then the environment. The only reader of process.env.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type Env, nonEmpty, requireVariables } from "./env.js";
import { UserError } from "./errors.js";
import { sourceListSchema } from "./source-config.js";

const SRC_DIR = dirname(fileURLToPath(import.meta.url));
/** The project folder (config/, seeds/): above src/, or above dist/src/ when running the compiled code. */
export const PROJECT_ROOT = resolve(SRC_DIR, basename(dirname(SRC_DIR)) === "dist" ? "../.." : "..");

/** The language model's defaults; config/default.json repeats them where an operator sees them. */
const LLM_DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 2,
  maxRetryAfterMs: 20_000,
  concurrency: 2,
  dailyTokenBudget: 200_000,
  maxAnswerChars: 1_200,
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const settingsSchema = z.object({
  dataDir: z.string().min(1),
  seedsDir: z.string().min(1),
  timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
  summary: z.object({ maxChars: z.number().int().min(40).max(2000) }),
  digest: z.object({
    defaultTime: z.string().regex(TIME, "must be HH:MM"),
    defaultSize: z.number().int().min(1).max(10),
    maxSize: z.number().int().min(1).max(10),
    maxLatenessMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    whoMayChange: z.enum(["anyone", "admins"]),
    checkCron: z.string().min(1),
  }),
  saveEmojis: z.array(z.string().min(1)).min(1),
  /** Reactions that mark a paper the bot posted "not for us" (Slack names; Discord's 👎 maps to "thumbsdown"). */
  dismissEmojis: z.array(z.string().min(1)).default(["thumbsdown", "-1"]),
  ranking: z.object({
    popularity: z.number().min(0),
    popularityWithoutSaves: z.number().min(0).default(1),
    freshness: z.number().min(0),
    teamInterest: z.number().min(0),
    closeness: z.number().min(0).default(0),
    dismissal: z.number().min(0).default(0),
    topic: z.number().min(0),
    freshnessHalfLifeDays: z.number().positive(),
    diversity: z.number().min(0).max(1),
    closeThreshold: z.number().min(0).max(1).default(0.06),
    expansion: z.number().min(0).default(0),
    expansionPapers: z.number().int().min(0).default(0),
  }),
  ingest: z.object({ cron: z.string().min(1) }),
  sources: sourceListSchema,
  /** How politely and patiently live sources are fetched. arXiv's hosts always get at least 3 s between requests. */
  fetch: z
    .object({
      timeoutMs: z.number().int().positive(),
      retryLimit: z.number().int().min(0).max(10),
      retryDelayMs: z.number().int().min(0),
      minIntervalMs: z.number().int().min(0),
    })
    .default({ timeoutMs: 30_000, retryLimit: 3, retryDelayMs: 1000, minIntervalMs: 1000 }),
  /** Where the live sources live; tests and mirrors point these elsewhere. */
  sourceUrls: z
    .object({ arxivApi: z.string().url(), arxivRss: z.string().url(), huggingFaceDaily: z.string().url() })
    .partial()
    .default({}),
  /**
   * Whether the bot's search index lives on a thread of its own (the chat thread then only parses,
   * renders and posts): `auto` from 5,000 papers on, at a restart (from the index file); `always` or
   * `never` to force it (tests, benchmarks).
   */
  searchThread: z.enum(["auto", "always", "never"]).default("auto"),
  /** Semantic Scholar enrichment (citations, venue, year): a background job after each ingest. */
  semanticScholar: z
    .object({
      enabled: z.boolean(),
      /** The Graph API's origin; tests point it at a local fake. */
      apiUrl: z.string().url().default("https://api.semanticscholar.org"),
      batchSize: z.number().int().min(1).max(500).default(500),
      refreshDays: z.number().positive().default(7),
      youngDays: z.number().positive().default(30),
      youngRefreshDays: z.number().positive().default(1),
    })
    .default({
      enabled: true,
      apiUrl: "https://api.semanticscholar.org",
      batchSize: 500,
      refreshDays: 7,
      youngDays: 30,
      youngRefreshDays: 1,
    }),
  /** The optional language model (PAPERBOT_LLM_URL): how patient, how parallel, how much a workspace may spend a day. */
  llm: z
    .object({
      timeoutMs: z.number().int().positive(),
      maxRetries: z.number().int().min(0).max(5),
      maxRetryAfterMs: z.number().int().min(0),
      concurrency: z.number().int().min(1).max(32),
      dailyTokenBudget: z.number().int().min(0),
      maxAnswerChars: z.number().int().min(100).max(3000),
    })
    .default(LLM_DEFAULTS),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A platform's own reader of its variables (adapters/<name>/platform.ts); undefined when it is not configured. */
export interface SecretReader {
  readonly name: string;
  readSecrets(env: Env): unknown;
}

/** Secrets and connection settings, from the environment only. Never logged. */
export interface Secrets {
  /** Each configured platform's secrets by its name, as its `readSecrets` returned them. */
  platforms: Partial<Record<string, unknown>>;
  port: number;
  /** PAPERBOT_STORE_URL: a PostgreSQL store shared by replicas (may hold a password); unset: lowdb files. */
  storeUrl?: string;
  /** SEMANTIC_SCHOLAR_API_KEY: optional; with it, one request a second instead of the keyless shared pool. */
  semanticScholarApiKey?: string;
  /** PAPERBOT_LLM_*: an OpenAI-compatible endpoint; unset, no model client exists and no request is made. */
  llm?: LlmSecrets;
}

export interface LlmSecrets {
  /** The API's base URL, e.g. http://127.0.0.1:11434/v1 (Ollama) or https://api.openai.com/v1. */
  url: string;
  model: string;
  /** Optional for local servers. Never logged. */
  apiKey?: string;
  /** Set: texts may be embedded with this model. */
  embeddingsModel?: string;
}

export interface Config {
  settings: Settings;
  secrets: Secrets;
  /** LOG_LEVEL, when set; each entry point picks its own default. */
  logLevel?: string;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UserError("config-unreadable", `${path} is not valid JSON: ${(error as Error).message}.`);
  }
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base)) return override ?? base;
  if (typeof override !== "object" || override === null || Array.isArray(override)) return override ?? base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(out[key], value);
  return out;
}

function readSecrets(env: Env, platforms: readonly SecretReader[]): Secrets {
  const port = Number(nonEmpty(env.PORT) ?? "3000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError("config-invalid", `PORT must be a port number, not "${env.PORT}".`);
  }
  const secrets: Secrets = {
    port,
    platforms: {},
    storeUrl: readStoreUrl(env),
    semanticScholarApiKey: nonEmpty(env.SEMANTIC_SCHOLAR_API_KEY),
    llm: readLlmSecrets(env),
  };
  for (const platform of platforms) {
    const found = platform.readSecrets(env);
    if (found !== undefined) secrets.platforms[platform.name] = found;
  }
  return secrets;
}

/** PAPERBOT_STORE_URL, checked for its scheme only; its value is never repeated (it may hold a password). */
function readStoreUrl(env: Env): string | undefined {
  const url = nonEmpty(env.PAPERBOT_STORE_URL);
  if (url && !/^postgres(ql)?:\/\//i.test(url)) {
    throw new UserError(
      "config-invalid",
      "PAPERBOT_STORE_URL must be a PostgreSQL connection URL starting with postgres:// or postgresql://.",
      "Write it as postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to keep the store in PAPERBOT_DATA_DIR.",
    );
  }
  // Checked here, at start, so a typo is one sentence and not a stack trace from the database driver.
  if (url && !URL.canParse(url)) {
    throw new UserError(
      "config-invalid",
      "PAPERBOT_STORE_URL is not a valid URL (check the port is a number and special characters in the password are %-encoded).",
      "Write it as postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to keep the store in PAPERBOT_DATA_DIR.",
    );
  }
  return url;
}

const LLM_NAMES = [
  "PAPERBOT_LLM_URL",
  "PAPERBOT_LLM_MODEL",
  "PAPERBOT_LLM_API_KEY",
  "PAPERBOT_EMBEDDINGS_MODEL",
];

/** PAPERBOT_LLM_*: all unset is fine (no model); a partial or malformed setting is refused at start. */
function readLlmSecrets(env: Env): LlmSecrets | undefined {
  const present = LLM_NAMES.find((name) => nonEmpty(env[name]));
  if (!present) return undefined;
  requireVariables(env, present, ["PAPERBOT_LLM_URL", "PAPERBOT_LLM_MODEL"]);
  const url = nonEmpty(env.PAPERBOT_LLM_URL) as string;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  // The URL is not repeated: it may carry a user and password.
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    throw new UserError(
      "config-invalid",
      "PAPERBOT_LLM_URL must be an http:// or https:// URL of an OpenAI-compatible API.",
      "For Ollama write http://127.0.0.1:11434/v1; for OpenAI https://api.openai.com/v1. Unset it to run without a model.",
    );
  }
  return {
    url,
    model: nonEmpty(env.PAPERBOT_LLM_MODEL) as string,
    apiKey: nonEmpty(env.PAPERBOT_LLM_API_KEY),
    embeddingsModel: nonEmpty(env.PAPERBOT_EMBEDDINGS_MODEL),
  };
}

/** Reads `KEY=value` lines of a .env file into an object (no expansion); missing file → empty. */
export function readDotEnv(path: string): Env {
  if (!existsSync(path)) return {};
  const out: Env = {};
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1]) continue;
    out[match[1]] = (match[2] ?? "").replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}

export interface LoadConfigOptions {
  env?: Env;
  /** An extra JSON settings file layered over config/default.json. */
  file?: string;
  /** Overrides from the command line. */
  overrides?: { dataDir?: string };
  /** Read ./.env too (the real process does; tests don't). */
  dotEnv?: boolean;
  /** The platforms whose variables to read (adapters/platforms.ts); none: no chat platform is configured. */
  platforms?: readonly SecretReader[];
}

/** The process's environment: this module is the one place that reads it. */
export function processEnv(): Env {
  return process.env;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const given = options.env ?? processEnv();
  const env: Env = options.dotEnv ? { ...readDotEnv(resolve(".env")), ...given } : given;
  let raw = readJson(join(PROJECT_ROOT, "config", "default.json"));
  const extra = options.file ?? nonEmpty(env.PAPERBOT_CONFIG);
  if (extra) raw = deepMerge(raw, readJson(extra));
  raw = deepMerge(raw, {
    dataDir: options.overrides?.dataDir ?? nonEmpty(env.PAPERBOT_DATA_DIR),
    timeZone: nonEmpty(env.PAPERBOT_TIME_ZONE),
  });
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      "config-invalid",
      `Setting ${issue?.path.join(".") || "(root)"} ${issue?.message ?? "is invalid"}.`,
      "Fix it in your settings file or environment (see README, Configuration).",
    );
  }
  // The seeds ship with paperbot: a relative seeds folder is the package's, wherever it is run from.
  const settings = { ...parsed.data, seedsDir: resolve(PROJECT_ROOT, parsed.data.seedsDir) };
  return { settings, secrets: readSecrets(env, options.platforms ?? []), logLevel: nonEmpty(env.LOG_LEVEL) };
}
