// Typed arrays that grow: what a build fills before it knows how many entries it will hold.
import type { Typed } from "./framed-file.js";

/** `array`'s contents at the start of a new array of its type, `length` long (the rest zero). */
export function grow<T extends Typed>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
