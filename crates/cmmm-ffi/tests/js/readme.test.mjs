// The README's Node snippet ("WASM and the web form", **Node**), run as written from the
// repository's root with the packed package installed here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../../../../", import.meta.url).pathname;
const here = new URL(".", import.meta.url).pathname;

test("the README's Node snippet runs as written", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const from = readme.indexOf("**Node** (ESM");
  const snippet = readme.slice(from).match(/```js\n([\s\S]*?)```/)[1];
  const file = join(here, "readme-snippet.tmp.mjs");
  writeFileSync(file, snippet);
  try {
    const out = execFileSync(process.execPath, [file], { cwd: root, encoding: "utf8" }).trim().split("\n");
    assert.equal(out[0], "2 2.185");
    assert.deepEqual(out.slice(1), ["data/examples/level-0.json 0 false", "data/examples/process-tailored.json 3 true"]);
  } finally {
    rmSync(file, { force: true });
  }
});
