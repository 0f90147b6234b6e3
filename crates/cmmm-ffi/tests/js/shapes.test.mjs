// The object literals the package's decoder builds results with (crates/cmmm-ffi/src/wasm/
// shapes.js) are generated from the result's JSON Schema (data/schema/result.schema.json,
// itself generated from the Rust types): this test regenerates them and fails when the
// committed file differs; `CMMM_WRITE_SHAPES=1 node --test shapes.test.mjs` rewrites it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";

const schemaUrl = new URL("../../../../data/schema/result.schema.json", import.meta.url);
const shapesUrl = new URL("../../src/wasm/shapes.js", import.meta.url);

/** A property name as an object literal writes it. */
function key(name) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The text of shapes.js for a result schema. */
export function generate(schema) {
  const types = [["Outcome", schema], ...Object.entries(schema.$defs)];
  const literals = types
    // `__proto__: …` in a literal would set the prototype instead of a property.
    .filter(([, s]) => s.type === "object" && s.properties && !Object.hasOwn(s.properties, "__proto__"))
    .map(([name, s]) => {
      const props = Object.keys(s.properties).map((p) => `${key(p)}: v()`);
      return `  (v) => ({ ${props.join(", ")} }), // ${name}`;
    });
  return `// Generated from data/schema/result.schema.json by crates/cmmm-ffi/tests/js/shapes.test.mjs;
// do not edit. Every object type of a result as an object literal, for the decoder (decode.js):
// V8 builds a literal with its final hidden class at once, several times faster than adding
// the properties one by one (and optimizes a small function per literal better than one large
// one). The tape (objects.rs) learns the keys from \`shapes\`.

/** The object of each literal shape, reading its properties' values in order with \`v\`. */
export const literals = [
${literals.join("\n")}
];

/** The keys of each literal, in order, as JSON: \`[["self_assessed", …], …]\`. */
export function shapes() {
  return JSON.stringify(literals.map((literal) => Object.keys(literal(() => null))));
}
`;
}

test("the decoder's object literals are generated from the result schema", () => {
  const generated = generate(JSON.parse(readFileSync(schemaUrl, "utf8")));
  assert.match(generated, /\n {2}\(v\) => \(\{ self_assessed: v\(\), detail: v\(\), model: v\(\),/);
  assert.match(generated, /\(v\) => \(\{ value: v\(\), display: v\(\) \}\), \/\/ Score\n/);
  if (process.env.CMMM_WRITE_SHAPES) writeFileSync(shapesUrl, generated);
  assert.equal(
    readFileSync(shapesUrl, "utf8"),
    generated,
    "src/wasm/shapes.js is stale: run `CMMM_WRITE_SHAPES=1 node --test shapes.test.mjs` in crates/cmmm-ffi/tests/js",
  );
});

test("every object of a full result (data/examples/discrete.json) has the keys of a literal", async () => {
  // The tape gives an object its literal when its keys are the literal's, in order: the
  // result's serialization and its schema must agree on them (a full enterprise here; one
  // with fields left out still decodes, one property at a time).
  const { score } = await import("cmmm");
  const { shapes } = await import(shapesUrl.href);
  const literals = new Set(JSON.parse(shapes()).map((keys) => keys.join(",")));
  const file = new URL("../../../../data/examples/discrete.json", import.meta.url);
  const objects = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") {
      objects.push(Object.keys(v).join(","));
      Object.values(v).forEach(walk);
    }
  };
  walk(score(readFileSync(file, "utf8")));
  assert.ok(objects.length > 500, `${objects.length} objects`);
  for (const keys of objects) assert.ok(literals.has(keys), `no literal for {${keys}}`);
});

test("a key that is not an identifier is quoted", () => {
  const schema = `{"type": "object", "properties": {"$schema": {}, "a-b": {}},
    "$defs": {"Proto": {"type": "object", "properties": {"__proto__": {}}}}}`;
  const text = generate(JSON.parse(schema));
  assert.match(text, /\(v\) => \(\{ \$schema: v\(\), "a-b": v\(\) \}\), \/\/ Outcome/);
  assert.doesNotMatch(text, /Proto/, "no literal with __proto__");
});
