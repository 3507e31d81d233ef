// Author names as matching sees them: accent-free words, and which initialled form ("T. Dao") stands for one full name in the corpus.
import type { Paper } from "../papers/paper.js";
import { tokenize } from "../search/tokenize.js";

/** A name as words: "Tri Dao" → ["tri", "dao"], "T. Dao" → ["t", "dao"], "César Ñuñez" → ["cesar", "nunez"]. */
export function nameWords(name: string): string[] {
  return tokenize(name);
}

/** "tri dao" and "t dao" both → "t dao": the given names' initials and the family name. */
export function initialsKey(words: readonly string[]): string {
  const last = words[words.length - 1] ?? "";
  return [...words.slice(0, -1).map((w) => w[0] ?? ""), last].join(" ");
}

/** A name written out in full: every given name longer than one letter. */
function isFullName(words: readonly string[]): boolean {
  return words.length >= 2 && words.slice(0, -1).every((w) => w.length > 1);
}

/**
 * The full names in a corpus by their initialled form, so "T. Dao" can stand for "Tri Dao" only when
 * no other full name ("Tuan Dao") shares it. Homonyms (two people named Tri Dao) cannot be told apart
 * from paper metadata at all.
 */
export class AuthorNames {
  private readonly byInitials = new Map<string, Set<string>>();
  private readonly seen = new WeakSet<Paper>();

  static of(papers: Iterable<Paper>): AuthorNames {
    const names = new AuthorNames();
    names.add(papers);
    return names;
  }

  /** Takes in new or changed papers (a paper object already taken in is skipped). */
  add(papers: Iterable<Paper>): void {
    for (const paper of papers) {
      if (this.seen.has(paper)) continue;
      this.seen.add(paper);
      for (const author of paper.authors) {
        const words = nameWords(author);
        if (!isFullName(words)) continue;
        const key = initialsKey(words);
        const full = this.byInitials.get(key) ?? new Set<string>();
        full.add(words.join(" "));
        this.byInitials.set(key, full);
      }
    }
  }

  /** The full names written as `key` ("t dao") in the corpus. */
  fullNames(key: string): ReadonlySet<string> {
    return this.byInitials.get(key) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Whether an author (as words) is the followed name (as words). Like search's author: filter, every
 * followed word must be in the name ("dao" follows every Dao). Beyond that, one side's initials match
 * the other's given names ("T. Dao" for "Tri Dao") when the corpus knows no other full name written
 * that way.
 */
export function authorMatches(
  followed: readonly string[],
  author: readonly string[],
  names: AuthorNames,
): boolean {
  if (followed.every((word) => author.includes(word))) return true;
  if (followed.length !== author.length || followed.length < 2) return false;
  const last = followed.length - 1;
  if (followed[last] !== author[last]) return false;
  let full: readonly string[] | undefined;
  for (let i = 0; i < last; i++) {
    const a = followed[i] as string;
    const b = author[i] as string;
    if (a === b) continue;
    if (a.length === 1 && b.startsWith(a)) full = author;
    else if (b.length === 1 && a.startsWith(b)) full = followed;
    else return false;
  }
  if (!full) return true;
  // Both initialled ("T. Dao" and "T. M. Dao" aside): the words are equal up to initials, and the full side decides.
  const known = names.fullNames(initialsKey(followed));
  const written = isFullName(full) ? full.join(" ") : undefined;
  if (written === undefined) return known.size <= 1;
  for (const name of known) if (name !== written) return false;
  return true;
}
