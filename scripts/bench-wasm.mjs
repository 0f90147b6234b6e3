// Time to score one full assessment of the default model (data/examples/discrete.json, 300
// requirements) with the npm package in Node, after warm-up. Run by scripts/bench-wasm.sh.
// Prints the median and the best of several rounds, in µs per call.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pkgDir, examplePath] = process.argv.slice(2);
const { Model, score } = await import(pathToFileURL(`${pkgDir}/node.js`).href);

const text = readFileSync(examplePath, "utf8");
const assessment = JSON.parse(text);
const model = new Model();

function measure(f, calls) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) f();
  return Number(process.hrtime.bigint() - t0) / calls / 1000;
}

function bench(name, f) {
  for (let i = 0; i < 1000; i++) f(); // warm-up
  const rounds = [];
  for (let r = 0; r < 15; r++) rounds.push(measure(f, 300));
  rounds.sort((a, b) => a - b);
  const median = rounds[rounds.length >> 1];
  console.log(`${name.padEnd(44)} median ${median.toFixed(1).padStart(7)} µs   best ${rounds[0].toFixed(1).padStart(7)} µs`);
  return { median, best: rounds[0] };
}

const results = {
  object: bench("Model.score(object) → object", () => model.score(assessment)),
  text: bench("Model.score(JSON text) → object", () => model.score(text)),
  json: bench("Model.scoreJson(JSON text) → JSON text", () => model.scoreJson(text)),
  oneShot: bench("score(object) (default model, no handle)", () => score(assessment)),
};
model.free();
if (process.env.BENCH_JSON) console.log(JSON.stringify(results));
