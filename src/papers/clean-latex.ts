// Turns the LaTeX residue that paper listings carry ($…$, ^{2}, \varepsilon, \scriptsize…) into readable text.

const SUPERSCRIPT: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  n: "ⁿ",
  i: "ⁱ",
  T: "ᵀ",
  R: "ᴿ",
  d: "ᵈ",
  k: "ᵏ",
  s: "ˢ",
  "*": "*",
  "′": "′",
};
const SUBSCRIPT: Record<string, string> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  h: "ₕ",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  o: "ₒ",
  p: "ₚ",
  r: "ᵣ",
  s: "ₛ",
  t: "ₜ",
  u: "ᵤ",
  v: "ᵥ",
  x: "ₓ",
};

/** Greek letters and symbols, by their LaTeX names. */
const SYMBOLS: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  vartheta: "ϑ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
  times: "×",
  cdot: "·",
  leq: "≤",
  geq: "≥",
  le: "≤",
  ge: "≥",
  neq: "≠",
  approx: "≈",
  infty: "∞",
  subseteq: "⊆",
  subset: "⊂",
  in: "∈",
  sum: "Σ",
  prod: "Π",
  star: "*",
  top: "ᵀ",
  to: "→",
  log: "log",
  ell: "ℓ",
  sim: "∼",
  pm: "±",
  partial: "∂",
  nabla: "∇",
};

/** Commands whose name is dropped and whose argument (if any) is kept as it is. */
const WRAPPERS = [
  "mathcal",
  "mathsf",
  "mathrm",
  "mathbf",
  "mathbb",
  "mathit",
  "text",
  "textbf",
  "textit",
  "emph",
  "widetilde",
  "tilde",
  "hat",
  "widehat",
  "bar",
  "overline",
  "operatorname",
  "em",
  "it",
  "sc",
  "bf",
];
const SIZE_COMMANDS = /(?:\\|\b)(?:scriptsize|footnotesize|normalsize)(?=[A-Z\s{])/g;
const GREEK_WORD = new RegExp(
  `\\\\(${Object.keys(SYMBOLS).join("|")})(?![a-zA-Z])|\\b(varepsilon|vartheta|varphi|epsilon)|\\b(${Object.keys(
    SYMBOLS,
  )
    .filter((name) => /^[A-Z]|^(sigma|delta|lambda|alpha|beta|gamma|omega|mu|tau)$/.test(name))
    .join("|")})(?=[_^({])`,
  "g",
);

function script(raw: string, table: Record<string, string>, marker: "^" | "_"): string {
  const text = raw.replace(/\\?times\s*/g, "×");
  const chars = [...text];
  if (chars.every((c) => table[c] !== undefined)) return chars.map((c) => table[c]).join("");
  return chars.length === 1 ? `${marker}${text}` : `${marker}(${text})`;
}

/** Replaces `^{…}`, `^x`, `_{…}` and `_x` with Unicode scripts where every character has one. */
function replaceScripts(text: string): string {
  let out = text;
  // Innermost groups first, so nested braces resolve from the inside out.
  for (let pass = 0; pass < 4 && /[\^_]\{[^{}]*\}/.test(out); pass++) {
    out = out.replace(/([\^_])\{([^{}]*)\}/g, (_m, marker: "^" | "_", body: string) =>
      script(body, marker === "^" ? SUPERSCRIPT : SUBSCRIPT, marker),
    );
  }
  return out
    .replace(/\^(?:star|ast)\b/g, "*")
    .replace(/\^top\b/g, "ᵀ")
    .replace(/\^([A-Za-z0-9*])/g, (_m, c: string) => script(c, SUPERSCRIPT, "^"))
    .replace(/(?<=[A-Za-z\u0370-\u03ff)])_([A-Za-z0-9])/g, (_m, c: string) => script(c, SUBSCRIPT, "_"));
}

/** Wraps a fraction's part in parentheses unless it is one symbol or number. */
function operand(part: string): string {
  return /^[\p{L}\p{N}.]+$/u.test(part) ? part : `(${part})`;
}

/** `\frac{a}{b}` → `a/b`, `\sqrt{x}` → `√x`: the shapes a reader knows from plain text. */
function replaceRoots(text: string): string {
  return text
    .replace(
      /\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}/g,
      (_m, a: string, b: string) => `${operand(a)}/${operand(b)}`,
    )
    .replace(/\\sqrt\{([^{}]*)\}/g, (_m, x: string) => (x.length > 1 ? `√(${x})` : `√${x}`))
    .replace(/\bsqrt\s*(?=[A-Za-z0-9(])/g, "√");
}

/** `\tilde{O}`, and `tilde Omega` where a listing dropped the backslash: the letter with a tilde above. */
function replaceTildes(text: string): string {
  return text.replace(
    /(?:\\|\b)(?:widetilde|tilde)\s*\{?\\?(Omega|Theta|Sigma|Delta|Gamma|Lambda|Phi|Psi|[A-Za-z\u0370-\u03ff])\}?/g,
    (_m, c: string) => `${SYMBOLS[c] ?? c}\u0303`.normalize("NFC"),
  );
}

/** What residue looks like; text that has none is returned as it is. */
const RESIDUE =
  /[\\$^_{}]|scriptsize|footnotesize|normalsize|varepsilon|epsilon|tilde|mathcal|sqrt|[A-Z][a-z]+[_^({]/;
/** Every alternative of RESIDUE but its words needs one of these characters. */
const RESIDUE_CHARS = /[\\$^_{}(]/;
const RESIDUE_WORD = /scriptsize|footnotesize|normalsize|epsilon|tilde|mathcal|sqrt/;
const RESIDUE_WORD_PARTS = ["size", "epsilon", "tilde", "mathcal", "sqrt"];

/**
 * RESIDUE.test, answered cheaply for the usual title or author name that holds none: a character class and
 * plain substring searches first. RESIDUE alone cost ~1 µs a call, and it runs on every title and name
 * (`node --cpu-prof`, ingest at 10,000 papers).
 */
function mayHoldResidue(input: string): boolean {
  if (RESIDUE_CHARS.test(input)) return RESIDUE.test(input);
  return RESIDUE_WORD_PARTS.some((part) => input.includes(part)) && RESIDUE_WORD.test(input);
}

/** One pass of the clean-up; text without residue comes back unchanged. */
function cleanLatexOnce(input: string): string {
  if (!mayHoldResidue(input)) return input;
  // URLs keep their underscores and braces: `paper_llm_based` is a path, not subscripts.
  if (/https?:\/\//.test(input)) {
    return input
      .split(/(https?:\/\/[^\s)]+)/)
      .map((part, i) => (i % 2 === 1 ? part : cleanLatexText(part)))
      .join("")
      .replace(/[ \t]{2,}/g, " ")
      .trim();
  }
  return cleanLatexText(input);
}

function cleanLatexText(input: string): string {
  let text = replaceRoots(input)
    .replace(/\b(?:mathcal|mathsf|mathrm|mathbf|mathbb)\s+(?=[A-Za-z(])/g, "")
    .replace(SIZE_COMMANDS, "")
    .replace(/\\"([a-zA-Z])/g, (_m, c: string) => `${c}\u0308`.normalize("NFC"))
    .replace(/\\'([a-zA-Z])/g, (_m, c: string) => `${c}\u0301`.normalize("NFC"))
    .replace(/\\(?:eg|e\.g\.)~?/g, "e.g. ")
    .replace(/\\(?:ie|i\.e\.)~?/g, "i.e. ")
    .replace(/~/g, " ")
    .replace(/\\\{/g, "(")
    .replace(/\\\}/g, ")")
    .replace(GREEK_WORD, (_m, a?: string, b?: string, c?: string) => SYMBOLS[(a ?? b ?? c) as string] ?? "");
  text = replaceTildes(text);
  // `{\em word}` and `\mathcal{O}`: keep the words, drop the command.
  const wrappers = WRAPPERS.join("|");
  text = text
    .replace(new RegExp(`\\{\\\\(?:${wrappers})\\s+([^{}]*)\\}`, "g"), "$1")
    .replace(new RegExp(`\\\\?\\b(?:${wrappers})\\{([^{}]*)\\}`, "g"), "$1")
    .replace(/\\([a-zA-Z]+)/g, (_m, name: string) => SYMBOLS[name] ?? name);
  text = replaceScripts(text);
  text = text
    .replace(/\$([^$]{1,200}?)\$/g, "$1")
    .replace(/\$(?![0-9])/g, "")
    .replace(/[{}]/g, "")
    .replace(/\\/g, "");
  return text.replace(/[ \t]{2,}/g, " ");
}

/**
 * Reads LaTeX residue as plain text, idempotently: removing a stray brace can expose new residue
 * (`A{_0` → `A_0`), so the clean-up repeats until nothing changes.
 */
export function cleanLatex(input: string): string {
  let text = cleanLatexOnce(input);
  // Unchanged text is already the fixed point: no second pass to confirm it.
  if (text === input) return text;
  for (let pass = 0; pass < 4; pass++) {
    const again = cleanLatexOnce(text);
    if (again === text) break;
    text = again;
  }
  return text;
}
