// Generated from data/schema/result.schema.json by crates/cmmm-ffi/tests/js/shapes.test.mjs;
// do not edit. Every object type of a result as an object literal, for the decoder (decode.js):
// V8 builds a literal with its final hidden class at once, several times faster than adding
// the properties one by one. The tape (objects.rs) learns the keys from `shapes`.

/** The object of literal `shape`, reading its properties' values in order with `v`. */
export function literal(shape, v) {
  switch (shape) {
    case 0: return { self_assessed: v(), model: v(), profile: v(), assessment: v(), scope: v(), levels: v(), total: v(), level: v(), meets_level_2: v(), thresholds: v(), elements: v(), domains: v(), sub_domains: v(), gaps: v(), warnings: v() }; // Outcome
    case 1: return { id: v(), version: v(), provenance: v(), total_rule: v() }; // ModelInfo
    case 2: return { structure: v(), requirements: v(), method: v(), weights: v() }; // ProvenanceStatus
    case 3: return { id: v(), name: v() }; // ProfileInfo
    case 4: return { zh: v(), en: v() }; // Text
    case 5: return { id: v(), enterprise: v(), assessed_on: v(), assessor: v() }; // AssessmentInfo
    case 6: return { name: v(), code: v(), industry: v(), region: v() }; // Enterprise
    case 7: return { sub_domains: v(), excluded: v(), included: v(), tailored: v(), requirements: v() }; // ScopeInfo
    case 8: return { sub_domain: v(), reason: v() }; // Tailoring
    case 9: return { level: v(), name: v(), score: v(), met: v(), counted: v() }; // LevelScore
    case 10: return { value: v(), display: v() }; // Score
    case 11: return { rule: v(), score: v() }; // Total
    case 12: return { level: v(), name: v() }; // Achieved
    case 13: return { programme: v(), year: v(), minimum_level: v(), self_assessment: v(), met: v() }; // Threshold
    case 14: return { id: v(), parent: v(), levels: v() }; // NodeScores
    case 15: return { level: v(), score: v(), weight: v() }; // NodeLevel
    case 16: return { target: v(), reached: v(), items: v(), plan: v() }; // Gaps
    case 17: return { requirement: v(), sub_domain: v(), level: v(), rating: v(), gain_level: v(), gain_total: v() }; // Gap
    case 18: return { upgrades: v(), total: v(), level: v() }; // Plan
    case 19: return { code: v(), message: v(), ids: v() }; // Warning
  }
}

/** The keys of each literal, in order, as JSON: `[["self_assessed", …], …]`. */
export function shapes() {
  const keys = [];
  for (let s = 0, o; (o = literal(s, () => null)) !== undefined; s++) keys.push(Object.keys(o));
  return JSON.stringify(keys);
}
