import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanLatex } from "../../src/papers/clean-latex.js";

describe("cleanLatex", () => {
  it.each([
    ["D^{2}MoE", "D²MoE"],
    ["MoE^2", "MoE²"],
    ["Inference Scaling scriptsizeFLaws", "Inference Scaling FLaws"],
    ["Omega(T^{2/3})", "Ω(T^(2/3))"],
    ["O(varepsilon)-optimal", "O(ε)-optimal"],
    ["mathcal{O}(1/epsilon^4)", "O(1/ε⁴)"],
    ['na\\"ive {\\em very} good', "naïve very good"],
    ["Theta-Resonance: A Single-Step Method", "Theta-Resonance: A Single-Step Method"],
    ["$\\{H_i\\}_{i=1}^R$", "(Hᵢ)ᵢ₌₁ᴿ"],
    ["$Ø(1/T)$", "Ø(1/T)"],
    ["a {\\em varepsilon-differential privacy} (varepsilon-DP)", "a ε-differential privacy (ε-DP)"],
    ["$\\tilde{O}(\\sqrt{T})$", "Õ(√T)"],
    ["$O(1/\\sqrt{nT})$", "O(1/√(nT))"],
    ["a $\\frac{1}{2}$-approximation", "a 1/2-approximation"],
    ["$\\frac{L}{\\mu + 1}$", "L/(μ + 1)"],
    ["is tilde Omega(T^{1/3})", "is Ω̃(T^(1/3))"],
    ["of order mathcal O(K^{2/3})", "of order O(K^(2/3))"],
    ["regret O(sqrt K)", "regret O(√K)"],
  ])("reads %s", (input, expected) => {
    expect(cleanLatex(input)).toBe(expected);
  });

  it("leaves URLs alone", () => {
    expect(cleanLatex("Code: https://github.com/x/paper_llm_based_algorithm. Rate $O(n^2)$.")).toBe(
      "Code: https://github.com/x/paper_llm_based_algorithm. Rate O(n²).",
    );
  });

  it("keeps a price's dollar sign (the TL;DR decides what to do with it)", () => {
    expect(cleanLatex("a rental cost of just $534,700.")).toBe("a rental cost of just $534,700.");
  });

  it("returns text without residue unchanged", () => {
    expect(cleanLatex("Local SGD converges fast.")).toBe("Local SGD converges fast.");
  });

  it("is idempotent and never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const once = cleanLatex(text);
        expect(cleanLatex(once)).toBe(once);
      }),
    );
  });
});
