// A deterministic generator of N realistic papers, recombining the seeds' sentences, titles and vocabulary.
import type { Paper } from "../src/papers/paper.js";
import { createRandom, type Random } from "./random.js";
import { type SeedMaterial, type SeedPaper, seedMaterial } from "./seed-material.js";

export const DEFAULT_SEED = 20_260_301;

/** arXiv's busiest categories, roughly in their share of ML papers. */
const CATEGORIES = [
  "cs.LG",
  "cs.CL",
  "cs.CV",
  "cs.AI",
  "stat.ML",
  "cs.RO",
  "cs.IR",
  "cs.DC",
  "cs.CR",
  "cs.SE",
  "cs.NE",
  "math.OC",
  "cs.GT",
  "eess.AS",
  "q-bio.QM",
];
const ORGS = [
  "Google",
  "Microsoft",
  "Meta AI",
  "OpenBMB",
  "Alibaba Qwen",
  "NVIDIA",
  "DeepSeek",
  "Hugging Face",
  "Tsinghua University",
  "Stanford University",
  "MIT",
  "ByteDance Seed",
  "Allen Institute for AI",
  "Mistral AI",
  "inclusionAI",
  "Gensyn",
];
const FIRST =
  `Aili Aonian Tiancheng Rasoul César Masood Wei Jing Yue Hao Li Ming Xin Chen Anna Maria Sofia Lucas
Noah Emma Olivia Liam Mateo Ana Priya Arjun Rahul Ananya Kenji Yuki Hiroshi Sakura Min-jun Seo-yeon Ji-woo
Omar Fatima Ahmed Layla Tomasz Katarzyna Piotr Ivan Olga Dmitri Elena Giulia Marco Luca Chiara Jonas Lena
Felix Hannah Pierre Camille Julien Chloé Diego Valentina Santiago Isabella Kwame Amara Chidi Zanele David
Sarah Michael Jessica Daniel Laura James Emily Robert Julia Thomas Alice Samuel Nora Benjamin Clara`.split(
    /\s+/,
  );
const LAST =
  `Chen Li Wang Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Qin Etesami Uribe
Mortazavi Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera
Campbell Mitchell Carter Roberts Kim Park Choi Jung Kang Tanaka Suzuki Takahashi Watanabe Sato Kumar Singh
Sharma Gupta Patel Reddy Iyer Müller Schmidt Schneider Fischer Weber Dubois Moreau Laurent Rossi Russo
Ferrari Esposito Kowalski Nowak Ivanov Petrov Novak Okafor Mensah Abebe Silva Santos Oliveira Costa Haddad`.split(
    /\s+/,
  );
const SYLLABLES =
  `ra ko mi ze lu ta vo ne si da fa gi hu je ka lo ma no pi qu re su ti va we xi yo zu bra cle dri flo
gra pla sto tri vex lex max mo neo opt flux core gen`.split(/\s+/);
const LINKS = ["for", "via", "with", "in", "through", "beyond", "towards"];

/** A name no other paper has: the paper's index spelled in syllables, capitalized like a system name. */
function systemName(index: number, rand: Random): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    name += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  const styled = rand.chance(0.3) ? name.toUpperCase() : name[0]?.toUpperCase() + name.slice(1);
  return rand.chance(0.25) ? `${styled}-${rand.int(1, 9)}${rand.pick(["B", "", "X", ".5"])}` : styled;
}

/** A made-up technical word from a Zipfian pool: real corpora keep coining terms, and a long tail of rare words is what makes an index big. */
function coinedWord(material: SeedMaterial, rand: Random): string {
  const rank = rand.zipf(200_000, 1.05);
  const root = material.words[(rank * 7919) % material.words.length] as string;
  return `${root.slice(0, 3 + (rank % 4))}${SYLLABLES[rank % SYLLABLES.length]}${(rank >> 4).toString(36)}`;
}

function authorName(rand: Random): string {
  const first = FIRST[rand.zipf(FIRST.length, 0.8)] as string;
  const last = LAST[rand.zipf(LAST.length, 0.9)] as string;
  return rand.chance(0.15)
    ? `${first} ${String.fromCharCode(65 + rand.int(0, 25))}. ${last}`
    : `${first} ${last}`;
}

function title(index: number, topic: SeedPaper, other: SeedPaper, rand: Random): string {
  const name = systemName(index, rand);
  const tail = rand.chance(0.5)
    ? topic.tail
    : `${topic.tail.split(" ").slice(0, 4).join(" ")} ${rand.pick(LINKS)} ${other.tail.split(" ").slice(-3).join(" ")}`;
  const shape = rand.next();
  if (shape < 0.55) return `${name}: ${tail}`;
  if (shape < 0.8) return `${tail} with ${name}`;
  return `${name} ${rand.pick(LINKS)} ${tail}`;
}

/** 4–11 sentences, mostly from the topic paper, some from neighbours, a few words coined: 700–2,000 characters. */
function abstract(topic: SeedPaper, material: SeedMaterial, name: string, rand: Random): string {
  const count = rand.int(4, 11);
  const sentences: string[] = [`We introduce ${name}.`];
  for (let i = 0; i < count && sentences.join(" ").length < 1_900; i++) {
    const source = rand.chance(0.65) ? topic : rand.pick(material.papers);
    let sentence = rand.pick(source.sentences);
    if (rand.chance(0.35)) sentence = sentence.replace(/\b[a-z]{6,}\b/, coinedWord(material, rand));
    sentences.push(sentence);
  }
  return sentences.join(" ");
}

function isoDay(daysAfter2019: number): string {
  return new Date(Date.UTC(2019, 0, 1) + daysAfter2019 * 86_400_000).toISOString().slice(0, 10);
}

/** Paper `index` of the corpus: the same paper for the same index and seed, whatever N is. */
export function generatePaper(index: number, material: SeedMaterial, seed = DEFAULT_SEED): Paper {
  const rand = createRandom(seed ^ Math.imul(index + 1, 0x9e3779b1));
  const topic = material.papers[rand.zipf(material.papers.length, 0.6)] as SeedPaper;
  const other = rand.pick(material.papers);
  const paperTitle = title(index, topic, other, rand);
  const name = paperTitle.match(/^[^\s:]+/)?.[0] ?? "it";
  // Publication dates skew recent, as listings do (2019 to late 2025).
  const day = Math.floor(rand.next() ** 0.5 * 2_520);
  const published = isoDay(day);
  const yymm = published.slice(2, 4) + published.slice(5, 7);
  const arxivId = `${yymm}.${String(index % 100_000).padStart(5, "0")}`;
  const authorCount = Math.min(40, 1 + Math.floor(-Math.log(1 - rand.next()) * 4));
  const authors = Array.from({ length: Math.min(authorCount, 12) }, () => authorName(rand));
  const primary = topic.categories[0] ?? CATEGORIES[rand.zipf(CATEGORIES.length, 1.2)];
  const categories = [...new Set([primary as string, ...(rand.chance(0.5) ? [rand.pick(CATEGORIES)] : [])])];
  const upvotes = rand.chance(0.6) ? Math.floor(1 / (1 - rand.next()) ** 0.9) - 1 : undefined;
  const text = abstract(topic, material, name, rand);
  const keyphrases = [name, ...topic.keyphrases.slice(0, rand.int(2, 4))];
  const seenAt = `${published}T12:00:00.000Z`;
  return {
    id: arxivId,
    arxivId,
    arxivVersion: rand.int(1, 3),
    title: paperTitle,
    abstract: text,
    authors,
    authorCount,
    ...(rand.chance(0.25) ? { organization: rand.pick(ORGS) } : {}),
    categories,
    published,
    ...(upvotes === undefined ? {} : { upvotes, upvotesObservedOn: published }),
    links: {
      abstract: `https://arxiv.org/abs/${arxivId}`,
      pdf: `https://arxiv.org/pdf/${arxivId}`,
      ...(upvotes === undefined ? {} : { huggingFace: `https://huggingface.co/papers/${arxivId}` }),
    },
    sightings: [{ source: "arxiv", ref: "cat:cs.LG", observedOn: published, seenAt }],
    tldr: (text.split(". ")[1] ?? text).slice(0, 240),
    keyphrases,
  };
}

/** N papers (N ≤ 100,000 keeps arXiv ids unique), as stored after ingest and summaries. */
export function generateCorpus(size: number, seed = DEFAULT_SEED): Paper[] {
  const material = seedMaterial();
  const papers = new Array<Paper>(size);
  for (let i = 0; i < size; i++) papers[i] = generatePaper(i, material, seed);
  return papers;
}
