// Words that end a key phrase candidate, and academic words that never make a key phrase on their own.

const FUNCTION_WORDS = `a about above across after again against all almost along already also although always
am among an and another any are around as at be because been before being below between both but by can
cannot could did do does doing done down during each either else enough even ever every few for from further
had has have having he her here hers him his how however i if in into is it its itself just least less
many may me might more most much must my neither no nor not of off often on once one only onto or other
others otherwise our ours out over own per perhaps rather same several shall she should since so some such
than that the their theirs them themselves then there therefore these they this those though through thus
to too toward towards under until up upon us very via was we well were what whatever when where whereas
whether which while who whom whose why will with within without would yet you your e.g i.e et al etc vs
cf eg ie`;

/** Verbs, adverbs and adjectives of academic prose: they sit between the noun phrases we want. */
const PROSE_WORDS = `able achieve achieved achieves achieving address addressed addresses allow allows
allowing apply applied applies based become becomes better called can compared compare consider considered
consistently demonstrate demonstrated demonstrates demonstrating derive describe described design designed
develop developed develops effectively enable enabled enables enabling especially establish evaluate
evaluated existing explore extensive extensively find finds first found further furthermore given gives
greatly help helps however improve improved improves improving include includes including introduce
introduced introduces introducing investigate investigated key known lead leads leading leverage leverages
leveraging like make makes making moreover namely new novel obtain obtained offer offers outperform
outperforming outperforms particular particularly present presented presents previous previously prior
propose proposed proposes proposing prove proved provide provided provides providing recent recently
reduce reduces reducing remain remains require required requires respectively result resulting reveal
reveals second see seen shown show showing shows significant significantly simple simply specifically
still strong study studied studies studying substantially successfully suggest suggests take takes
third three toward two typically understand use used uses using various versus whereas widely yield yields`;

/** Nouns and adjectives of academic prose that say nothing about a paper's topic. */
const GENERIC_WORDS = `paper papers method methods approach approaches result results performance
work works framework frameworks technique techniques experiment experiments experimental empirical
empirically problem problems task tasks setting settings analysis study way ways state art sota baseline
baselines benchmark benchmarks effectiveness improvement improvements evaluation evaluations contribution
contributions insight insights issue issues challenge challenges limitation limitations aspect aspects number
numbers terms term order case cases fact field domain domains variety range set sets extent lot literature
application applications amount level levels impact effect effects property properties process existing
ability abilities need needs end times`;

/** Words too broad to be a key phrase alone, though phrases are made of them ("model merging", "local steps"). */
const WEAK_WORDS = `model models data algorithm algorithms system systems large small high low different
specific general important effective efficient step steps time training learning network networks method
function functions parameter parameters accuracy quality cost costs scale scales size sizes faster
slower larger smaller lower higher fewer greater better stronger deeper longer shorter`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w !== ""));
}

/** Words that split a text into key phrase candidates. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...wordSet(FUNCTION_WORDS), ...wordSet(PROSE_WORDS)]);

/** Words that may sit inside a key phrase but neither make one alone nor start or end one ("SGD method"). */
export const GENERIC: ReadonlySet<string> = wordSet(GENERIC_WORDS);

/** Words that may start or end a key phrase but are never one alone. */
export const WEAK: ReadonlySet<string> = wordSet(WEAK_WORDS);
