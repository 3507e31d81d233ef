import { describe, expect, it } from "vitest";
import { cleanLatex } from "../../src/papers/clean-latex.js";

describe("cleanLatex", () => {
  it.each([
    ["D^{2}MoE", "D²MoE"],
    ["MoE^2", "MoE²"],
    ["Inference Scaling scriptsizeFLaws", "Inference Scaling FLaws"],
    ["Omega(T^{2/3})", "Ω(T^(2/3))"],
    ["$\\{H_i\\}_{i=1}^R$", "(Hᵢ)ᵢ₌₁ᴿ"],
    ["$Ø(1/T)$", "Ø(1/T)"],
    ["O(varepsilon)-optimal", "O(ε)-optimal"],
    ["mathcal{O}(1/epsilon^4)", "O(1/ε⁴)"],
    ['na\\"ive {\\em very} good', "naïve very good"],
    ["Theta-Resonance: A Single-Step Method", "Theta-Resonance: A Single-Step Method"],
    ["The Role of Local Steps in Local SGD", "The Role of Local Steps in Local SGD"],
  ])("reads %s as %s", (input, expected) => {
    expect(cleanLatex(input)).toBe(expected);
  });
});
