// Types of bin/compiled.js for the TypeScript that imports it (the benchmark).
export const BUILT_STAMP: string;
export function compiledIsCurrent(): boolean;
