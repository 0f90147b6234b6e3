// Time to score one full assessment of the default model (data/examples/discrete.json, 300
// requirements) with the npm package in Node, after warm-up. Run by scripts/bench-wasm.sh.
// Each entry point is warmed up, then timed over rounds of calls; prints the median and the
// best round, in µs per call. The last line times plain JavaScript work with no WebAssembly,
// `JSON.stringify` of the same assessment, as a yardstick: on a shared machine whose speed
// comes and goes, it tells a slow spell from a slow build.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pkgDir, examplePath] = process.argv.slice(2);
const { Model, score } = await import(pathToFileURL(`${pkgDir}/node.js`).href);

const text = readFileSync(examplePath, "utf8");
const assessment = JSON.parse(text);
const model = new Model();

const WARM_UP = 3000;
const ROUNDS = 25;
const CALLS = 200;

function bench(name, f) {
  for (let i = 0; i < WARM_UP; i++) f();
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) f();
    rounds.push(Number(process.hrtime.bigint() - t0) / CALLS / 1000);
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[rounds.length >> 1];
  console.log(`${name.padEnd(44)} median ${median.toFixed(1).padStart(7)} µs   best ${rounds[0].toFixed(1).padStart(7)} µs`);
}

bench("Model.score(object) → object", () => model.score(assessment));
bench("Model.score(JSON text) → object", () => model.score(text));
bench("Model.scoreJson(JSON text) → JSON text", () => model.scoreJson(text));
bench("score(object) (default model, no handle)", () => score(assessment));
bench("Model.score(object, summary tier) → object", () => model.score(assessment, { detail: "summary" }));
bench("Model.view(object) → view (the form's call)", () => model.view(assessment, { lang: "zh" }));
bench("yardstick: JSON.stringify(assessment)", () => JSON.stringify(assessment));
model.free();
