// The JavaScript API of the npm package beyond the golden vectors: every export, the error
// objects, options, the Model handle and its clean-up, and agreement with the CLI on the
// sample questionnaires (their CLI results are written by scripts/test.sh before this runs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import init, { Model, initSync, model, radar, score, template, version } from "cmmm";

const root = new URL("../../../../", import.meta.url).pathname;
const read = (path) => readFileSync(join(root, path), "utf8");
const discreteText = read("data/examples/discrete.json");
const discrete = JSON.parse(discreteText);

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}

function assertError(f, code, location) {
  const e = thrown(f);
  assert.ok(e instanceof Error, "a JavaScript Error");
  assert.equal(e.name, "CmmmError");
  assert.equal(e.code, code);
  assert.equal(e.location, location);
  assert.ok(e.message.startsWith(`${code}: `), e.message);
  return e;
}

test("init() resolves in Node, where the module is ready on import", async () => {
  assert.equal(await init(), undefined);
});

test("version() is the package version", () => {
  const pkg = JSON.parse(readFileSync(new URL("package.json", import.meta.resolve("cmmm")), "utf8"));
  assert.equal(version(), pkg.version);
});

test("model() is the embedded default model; model(text) validates another", () => {
  const doc = model();
  assert.equal(doc.id, "gbt39116-2020");
  assert.equal(doc.provenance.requirements.status, "illustrative");
  const subDomains = doc.elements.flatMap((e) => e.domains.flatMap((d) => d.sub_domains));
  assert.equal(subDomains.length, 20);
  assert.deepEqual(model(read("data/models/gbt39116-2020.json")), doc);
  assert.deepEqual(model(doc), doc, "a model object is accepted too");
  const small = read("tests/vectors/models/basic.json");
  assert.equal(model(small).id, JSON.parse(small).id);
  assertError(() => model("{}"), "invalid-json", ".");
  const broken = JSON.stringify({ ...doc, gate: "1.5" });
  assert.equal(assertError(() => model(broken), "invalid-model", "gate").messageZh, undefined,
    "a model's faults are in English only");
  assertError(() => model(42), "invalid-argument", "modelJson");
});

test("template() is a blank, scorable questionnaire", () => {
  const t = template("process");
  assert.equal(t.model, "gbt39116-2020");
  assert.equal(t.profile, "process");
  const ids = Object.keys(t.ratings);
  assert.ok(ids.length > 200);
  assert.ok(ids.every((id) => !id.startsWith("product-design.")), "process leaves product design out");
  assert.ok(Object.values(t.ratings).every((a) => a.rating === null && a.text.zh && typeof a.level === "number"));
  assertError(() => score(t), "missing-ratings", "ratings");
  const result = score(t, null, { allowMissing: true });
  assert.equal(result.level, 0);
  assert.equal(result.warnings.find((w) => w.code === "scored-as-none").ids.length, ids.length);
  for (const id of ids) t.ratings[id] = "full";
  assert.equal(score(t).level, 5);
  assertError(() => template("nope"), "unknown-profile", "profile");
  // Not a string at all: a CmmmError with a code, not a plain TypeError.
  assertError(() => template(undefined), "invalid-argument", "profile");
  assertError(() => template(42), "invalid-argument", "profile");
  const m = new Model();
  try {
    assertError(() => m.template(undefined), "invalid-argument", "profile");
  } finally {
    m.free();
  }
});

test("score() takes an object or its text, and gives decimals as strings", () => {
  const a = score(discrete);
  assert.deepEqual(score(discreteText), a);
  assert.equal(typeof a.total, "string");
  assert.match(a.total, /^\d+(\.\d{1,28})?$/);
  assert.ok(a.levels.every((l) => typeof l.score === "string"));
  assert.equal(a.self_assessed, true);
  assert.ok(a.warnings.some((w) => w.code === "unofficial-model"));
  assert.deepEqual(score(discrete, read("data/models/gbt39116-2020.json")), a);
  assert.equal(score(discrete, undefined, { target: 5 }).gaps.target, 5);
});

test("every result agrees with the CLI on the sample questionnaires", (t) => {
  const dir = join(root, "target/npm/cli-results");
  if (!existsSync(dir)) return t.skip("no CLI results (scripts/test.sh writes them)");
  const examples = readdirSync(join(root, "data/examples")).filter((f) => f.endsWith(".json"));
  assert.ok(examples.length >= 4);
  for (const f of examples) {
    const cli = JSON.parse(readFileSync(join(dir, f), "utf8"));
    assert.deepEqual(score(read(`data/examples/${f}`)), cli, f);
  }
});

test("results stay exact over many calls, each the engine's JSON text parsed", () => {
  // Many different assessments, each with its own score texts, names and ids.
  const m = new Model();
  const t = template("discrete");
  const keys = ["full", "most", "partial", "none"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 400; i++) {
    const a = { ...t, id: `A-${i}`, enterprise: { name: `企业 ${i}`, region: `R${i % 7}` }, ratings: {} };
    for (const id of Object.keys(t.ratings)) a.ratings[id] = keys[next() % (1 + (i % 4))];
    assert.equal(JSON.stringify(m.score(a)), m.scoreJson(a), `assessment ${i}`);
  }
  m.free();
});

test("a struct with fields left out comes back with exactly the fields given, in order", () => {
  // An enterprise with fields left out (at the end, in the middle, all), between full ones.
  const m = new Model();
  const full = { name: "企业", code: "91000000X", industry: "设备", region: "江苏" };
  const variants = [full, { name: "企业" }, { name: "企业", code: "9" }, { name: "企业", region: "江苏" },
    { region: "江苏" }, {}, full, { code: "9", industry: "设备", region: "江苏" }, full];
  for (const [i, enterprise] of variants.entries()) {
    const a = { ...discrete, enterprise };
    const result = m.score(a);
    assert.equal(JSON.stringify(result), m.scoreJson(a), `enterprise ${i}`);
    assert.deepEqual(Object.keys(result.assessment.enterprise), Object.keys(enterprise), `enterprise ${i}`);
  }
  m.free();
});

test("radar() draws the result's sub-domain scores as SVG (cmmm-report)", () => {
  const result = score(discrete);
  const zh = radar(result, "zh");
  assert.match(zh, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(zh.includes("组织战略") && zh.trimEnd().endsWith("</svg>"));
  const en = radar(JSON.stringify(result), "en");
  assert.ok(en.includes("Data") || en.includes("data"), "English names");
  assert.equal(radar(result), en, "English by default");
  const m = new Model();
  assert.equal(m.radar(result, "zh"), zh);
  m.free();
  assertError(() => radar(result, "fr"), "invalid-argument", "lang");
  assertError(() => radar({ levels: [] }, "zh"), "invalid-argument", "result");
  assertError(() => radar(42, "zh"), "invalid-argument", "result");
});

test("view() is what the form shows: the result with its first gaps, progress, pending fields and the radar", () => {
  const m = new Model();
  const v = m.view(discrete, { lang: "zh" });
  assert.deepEqual(Object.keys(v), ["result", "progress", "pending", "radar", "shown"]);
  const full = m.score(discrete, { detail: "gaps", allowMissing: true });
  // The result without the sub-domain scores (drawn in the radar, summed up in progress).
  const { sub_domains: drawn, ...rest } = full;
  assert.ok(drawn.length > 0 && !("sub_domains" in v.result));
  assert.deepEqual(v.result, { ...rest, gaps: { ...full.gaps, items: full.gaps.items.slice(0, 8) } });
  // The radar of the result, on a canvas sized for a side panel (the report's is 780 wide).
  assert.match(v.radar, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 540 600"/);
  assert.ok(v.radar.includes("组织战略") && m.radar(full, "zh").includes('viewBox="0 0 780 '));
  assert.deepEqual(v.pending, []);
  // Progress: every sub-domain of the model; the in-scope ones add up to the scope.
  const scoped = v.progress.filter((p) => p.in_scope);
  assert.equal(v.progress.length, m.doc().elements.flatMap((e) => e.domains.flatMap((d) => d.sub_domains)).length);
  assert.deepEqual(scoped.map((p) => p.sub_domain), Object.keys(full.sub_domain_levels));
  // The figures as the CLI's summary shows them, rounded by the engine.
  assert.equal(v.shown.total, "2.19");
  assert.deepEqual(v.shown.levels, ["0.92", "0.82", "0.45", "0.17", "0.00"]);
  assert.equal(v.shown.gains.length, 8);
  assert.equal(scoped.reduce((n, p) => n + p.requirements, 0), full.scope.requirements);
  assert.ok(scoped.every((p) => p.rated === p.requirements), "the example rates everything");
  assert.equal(m.view(discrete, { top: 3 }).result.gaps.items.length, 3);

  // Unrated requirements count as unrated, per sub-domain.
  const part = { ...discrete, ratings: { ...discrete.ratings } };
  const [first, second] = Object.keys(part.ratings).filter((id) => id.startsWith("data."));
  delete part.ratings[first];
  part.ratings[second] = null;
  const data = m.view(part).progress.find((p) => p.sub_domain === "data");
  assert.equal(data.rated, data.requirements - 2);

  // A draft keeps the answers of a sub-domain tailored out; the view does not score them.
  const tailored = { ...discrete, tailoring: [{ sub_domain: "product-service", reason: "外包" }] };
  assert.throws(() => m.score(tailored), (e) => e.code === "out-of-scope-rating");
  const kept = m.view(tailored);
  assert.ok(!("product-service" in kept.result.sub_domain_levels));
  assert.equal(kept.progress.find((p) => p.sub_domain === "product-service").in_scope, false);

  // A tailoring without its reason is a field to fill in; the rest is still scored.
  const draft = { ...discrete, tailoring: [{ sub_domain: "product-service", reason: " " }] };
  const pending = m.view(draft);
  assert.deepEqual(pending.pending, [{ code: "missing-reason", field: "tailoring[0].reason", sub_domain: "product-service" }]);
  assert.deepEqual(pending.result.levels, m.score(discrete, { allowMissing: true }).levels);
  assertError(() => m.view(draft, { top: "all" }), "invalid-argument", "options");
  assertError(() => m.view(draft, 5), "invalid-argument", "options");
  assertError(() => m.view({ ...discrete, profile: "nope" }), "unknown-profile", "profile");
  m.free();
});

test("keyed() writes every rating on the scale as its key, exactly", () => {
  const m = new Model();
  const text = '{"profile": "discrete", "ratings": {"data.1.a": 0.80, "data.1.b": "大部分满足", "data.1.c": "0.5", "data.2.a": {"rating": 1, "comment": "c"}, "data.2.b": "maybe"}}';
  const a = m.keyed(text);
  assert.deepEqual(a.ratings, { "data.1.a": "most", "data.1.b": "most", "data.1.c": "partial", "data.2.a": { rating: "full", comment: "c" }, "data.2.b": "maybe" });
  assert.deepEqual(m.keyed(JSON.parse(text)).ratings, a.ratings);
  assertError(() => m.keyed('{"profile": "discrete", "ratings": {"a": "full", "a": "none"}}'), "invalid-json", "ratings");
  m.free();
});

test("a Model used after free() throws a CmmmError; a second free() does nothing", () => {
  const m = new Model();
  assert.equal(m.id, "gbt39116-2020");
  m.free();
  assertError(() => m.score(discrete), "invalid-argument", "model");
  assertError(() => m.view(discrete), "invalid-argument", "model");
  assertError(() => m.id, "invalid-argument", "model");
  m.free();
  assert.ok(new Model() instanceof Model);
});

test("part() and merge(): a team assessment split and put back together", () => {
  const m = new Model();
  const hr = m.part(discrete, ["personnel"]);
  const rest = m.part(discrete, ["technology", "resource", "manufacturing"]);
  assert.ok(Object.keys(hr.ratings).every((id) => id.startsWith("org-strategy.") || id.startsWith("skills.")));
  const merged = m.merge([{ name: "hr.json", assessment: hr }, { name: "rest.json", assessment: JSON.stringify(rest) }]);
  assert.deepEqual(merged.resolved, []);
  assert.deepEqual(merged.uncovered, []);
  assert.equal(merged.taken.reduce((a, b) => a + b, 0), Object.keys(discrete.ratings).length);
  assert.deepEqual(m.score(merged.assessment, { detail: "summary" }), m.score(discrete, { detail: "summary" }));

  const id = Object.keys(hr.ratings)[0];
  const other = { ...hr, assessor: "HR", ratings: { [id]: { rating: "none", assessor: "王工" } } };
  const e = assertError(() => m.merge([{ name: "a.json", assessment: hr }, { name: "b.json", assessment: other }]),
    "conflicting-ratings", "parts");
  assert.match(e.message, /a\.json .* \/ b\.json \(王工\) `none`/);
  const lowest = m.merge([{ name: "a.json", assessment: hr }, { name: "b.json", assessment: other }], "lowest");
  assert.equal(lowest.resolved.length, 1);
  assert.deepEqual(lowest.resolved[0].sides.map((s) => s.at), ["a.json", "b.json"]);
  assert.equal(lowest.resolved[0].sides[1].key, "none");
  assert.equal(lowest.resolved[0].kept, "none");
  assertError(() => m.merge([{ name: "a.json", assessment: hr }], "median"), "invalid-argument", "onConflict");
  assertError(() => m.part(discrete, ["nope"]), "unknown-sub-domain", "parts");
  m.free();
});

test("errors are Error objects with the stable code and where", () => {
  const bad = { profile: "discrete", ratings: { "data.2.a": "mostly" } };
  const e = assertError(() => score(bad, null, { allowMissing: true }), "invalid-rating", "ratings.data.2.a");
  assert.match(e.message, /`mostly` is not on the rating scale/);
  // The faults of an assessment in Chinese too, as the CLI's --lang zh says them.
  assert.match(e.messageZh, /^ratings\.data\.2\.a：`mostly` 不在评分等级中（可填：full \/ 全部满足/);
  assert.equal(assertError(() => score({ profile: "nope", ratings: {} }), "unknown-profile", "profile").messageZh,
    "profile：未知的企业类型 `nope`");
  assertError(() => score('{"profile": 5, "ratings": {}}'), "invalid-json", "profile");
  assertError(() => score({ ...discrete, model: "other" }), "model-mismatch", "model");
  assertError(() => score(discrete, null, { target: 9 }), "invalid-target", "target");
  assertError(() => score(42), "invalid-argument", "assessment");
  assertError(() => score(null), "invalid-argument", "assessment");
  const cyclic = { profile: "discrete", ratings: {} };
  cyclic.self = cyclic;
  assertError(() => score(cyclic), "invalid-argument", "assessment");
});

test("options are checked: unknown keys and wrong types are errors", () => {
  assertError(() => score(discrete, null, { allow_missing: true }), "invalid-argument", "options");
  assertError(() => score(discrete, null, { target: "2" }), "invalid-argument", "options");
  assertError(() => score(discrete, null, { target: 300 }), "invalid-argument", "options");
  assertError(() => score(discrete, null, "allowMissing"), "invalid-argument", "options");
  assert.equal(score(discrete, null, {}).level, score(discrete).level);
  assert.equal(score(discrete, null, { target: null }).gaps.target, score(discrete).gaps.target);
});

test("a Model scores like score(), and free() releases it", () => {
  const m = new Model();
  assert.equal(m.id, "gbt39116-2020");
  assert.equal(m.version, model().version);
  assert.deepEqual(m.doc(), model());
  assert.deepEqual(m.template("discrete"), template("discrete"));
  assert.deepEqual(m.score(discrete), score(discrete));
  assert.equal(JSON.stringify(m.score(discrete)), m.scoreJson(discrete));
  m.free();
  assert.throws(() => m.score(discrete), "a freed model cannot be used");
  assertError(() => new Model("{}"), "invalid-json", ".");
  const scoped = new Model(read("tests/vectors/models/basic.json"));
  assert.equal(scoped.id, JSON.parse(read("tests/vectors/models/basic.json")).id);
  if (Symbol.dispose) {
    // What `using scoped = new Model(…)` calls at the end of the block.
    scoped[Symbol.dispose]();
    assert.throws(() => scoped.score("{}"));
  } else {
    scoped.free();
  }
});

test("forgotten Models are freed by the finalizer", async () => {
  // Load a model many times without free(): the FinalizationRegistry of the generated glue
  // must give the memory back, so WebAssembly memory stops growing.
  if (typeof globalThis.gc !== "function") return;
  const { memory } = initSync({ module: new Uint8Array() }); // already initialised: the exports
  const text = read("data/models/gbt39116-2020.json");
  const round = () => {
    for (let i = 0; i < 50; i++) new Model(text);
  };
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  round();
  await settle();
  const after = memory.buffer.byteLength;
  for (let r = 0; r < 10; r++) {
    round();
    await settle();
  }
  assert.ok(memory.buffer.byteLength <= after * 1.5, `memory grew from ${after} to ${memory.buffer.byteLength}`);
});
