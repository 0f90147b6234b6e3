// The package's TypeScript declarations never say `any` (comments aside), and declare the
// JSON types generated from the schemas (crates/cmmm-ffi/npm/types.d.ts) verbatim.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const pkg = new URL("./", import.meta.resolve("cmmm"));
const declarations = ["cmmm.d.ts", "node.d.ts"].map((f) => [f, readFileSync(new URL(f, pkg), "utf8")]);

/** The text without comments and string literals. */
function code(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
}

test("no declaration is `any`", () => {
  for (const [file, text] of declarations) {
    const lines = code(text).split("\n").filter((l) => /\bany\b/.test(l));
    assert.deepEqual(lines, [], `${file} says any`);
  }
});

test("the schema types are declared", () => {
  const types = readFileSync(new URL("../../npm/types.d.ts", import.meta.url), "utf8");
  const [, cmmm] = declarations[0];
  const generated = [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
  assert.ok(generated.length > 30, `${generated.length} generated types`);
  for (const name of [...generated, "ScoreOptions", "CmmmError", "Lang"]) {
    assert.match(cmmm, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
  assert.match(cmmm, /export function score\(assessment: Assessment \| string, modelJson\?: string \| ModelDoc \| null, options\?: ScoreOptions \| null\): Outcome;/);
});
