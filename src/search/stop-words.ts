// Words too common to rank by: dropped from the index and from free-word queries, kept in phrases.

const WORDS = `a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor not of
off on once only or other our ours out over own same she should so some such than that the their theirs
them then there these they this those through to too under until up very via was we were what when where
which while who whom why will with within without would yet you your also among upon onto toward towards
across along however thus whereas paper papers`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/));

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
