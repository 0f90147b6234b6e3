// Golden vectors (tests/vectors, format in tests/vectors/README.md) scored by the npm package
// in Node: every result string and every error code and location must be what the vector
// expects, exactly as the Rust suite (tests/vectors.rs) checks them. Each vector is scored
// three ways — its JSON text, the parsed object, and as JSON text out (`scoreJson`) — and the
// object result must be exactly `JSON.parse` of the engine's compact JSON text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Model } from "cmmm";

const root = new URL("../../../../", import.meta.url).pathname;
const dir = join(root, "tests/vectors");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const models = new Map();

function modelFor(file) {
  if (!models.has(file)) models.set(file, new Model(readFileSync(join(dir, file), "utf8")));
  return models.get(file);
}

function compareNodes(layer, expect, out) {
  const expected = expect[layer];
  const weights = expect.weights[layer];
  assert.equal(out[layer].length, Object.keys(expected).length, `${layer}: node count`);
  for (const [id, perLevel] of Object.entries(expected)) {
    const node = out[layer].find((n) => n.id === id);
    assert.ok(node, `${layer}.${id} missing from the result`);
    assert.equal(node.scores.length, perLevel.length, `${layer}.${id}.scores`);
    assert.equal(node.weights.length, perLevel.length, `${layer}.${id}.weights`);
    perLevel.forEach((value, n) => {
      assert.equal(node.scores[n], value, `${layer}.${id}.scores[${n}]`);
      assert.equal(node.weights[n], weights[id][n], `${layer}.${id}.weights[${n}]`);
    });
  }
}

function compareOutcome(expect, out) {
  assert.ok(expect.levels.length > 0);
  assert.equal(out.levels.length, expect.levels.length, "levels");
  expect.levels.forEach((l, i) => {
    const at = out.levels[i];
    assert.equal(at.level, l.level, `levels[${i}].level`);
    assert.equal(at.score, l.value, `levels[${i}].score`);
    assert.equal(at.met, l.met, `levels[${i}].met`);
    assert.equal(at.counted, l.counted, `levels[${i}].counted`);
  });
  assert.equal(out.total, expect.total.value, "total");
  assert.equal(out.level, expect.level, "level");
  assert.equal(out.meets_level_2, expect.meets_level_2, "meets_level_2");
  for (const layer of ["elements", "domains", "sub_domains"]) compareNodes(layer, expect, out);
  assert.deepEqual(Object.keys(out.sub_domain_levels), expect.scope.sub_domains, "sub_domain_levels");
  // An empty list is absent from the result.
  assert.deepEqual(out.scope.excluded ?? [], expect.scope.excluded, "scope.excluded");
  assert.equal(out.scope.requirements, expect.scope.requirements, "scope.requirements");
  const none = out.warnings.find((w) => w.code === "scored-as-none");
  assert.deepEqual(none ? none.ids : [], expect.scored_as_none, "warnings[scored-as-none].ids");
  if (expect.gaps === null) {
    assert.equal(out.gaps, undefined, "gaps");
  } else {
    assert.ok(out.gaps, "gaps");
    assert.equal(out.gaps.target, expect.gaps.target, "gaps.target");
    assert.equal(out.gaps.reached, expect.gaps.reached, "gaps.reached");
    assert.equal(out.gaps.plan.upgrades.length, expect.gaps.plan.upgrades, "gaps.plan.upgrades (count)");
    assert.equal(out.gaps.plan.level, expect.gaps.plan.level, "gaps.plan.level");
  }
}

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error, but the assessment was scored");
}

test("there are golden vectors", () => assert.ok(files.length > 50, `${files.length} vectors`));

for (const file of files) {
  test(file, () => {
    const vector = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const model = modelFor(vector.model);
    const hasObject = vector.assessment !== undefined;
    assert.notEqual(hasObject, vector.assessment_text !== undefined, "exactly one of assessment, assessment_text");
    const text = hasObject ? JSON.stringify(vector.assessment) : vector.assessment_text;
    const options = {
      allowMissing: vector.options.allow_missing,
      target: vector.options.target,
      detail: vector.options.detail,
    };
    const inputs = hasObject ? [text, vector.assessment] : [text];
    const { error } = vector.expect;
    if (error) {
      for (const input of inputs) {
        for (const run of [() => model.score(input, options), () => model.scoreJson(input, options)]) {
          const e = thrown(run);
          assert.ok(e instanceof Error, "a JavaScript Error");
          assert.equal(e.name, "CmmmError");
          assert.equal(e.code, error.code, "error.code");
          assert.equal(e.location, error.location, "error.location");
          assert.ok(e.message.startsWith(`${error.code}: `), e.message);
        }
      }
      return;
    }
    const json = model.scoreJson(text, options);
    for (const input of inputs) {
      const out = model.score(input, options);
      compareOutcome(vector.expect, out);
      // The object is exactly the engine's JSON text, parsed: same keys, order and strings.
      assert.equal(JSON.stringify(out), json);
    }
    compareOutcome(vector.expect, JSON.parse(json));
  });
}

test("free the loaded models", () => {
  for (const model of models.values()) model.free();
});
