// Generated from data/schema/result.schema.json by crates/cmmm-ffi/tests/js/shapes.test.mjs;
// do not edit. Every object type of a result as an object literal, for the decoder (decode.js):
// V8 builds a literal with its final hidden class at once, several times faster than adding
// the properties one by one (and optimizes a small function per literal better than one large
// one). The tape (objects.rs) learns the keys from `shapes`.

/** The object of each literal shape, reading its properties' values in order with `v`. */
export const literals = [
  (v) => ({ self_assessed: v(), detail: v(), model: v(), profile: v(), assessment: v(), scope: v(), levels: v(), total: v(), level: v(), meets_level_2: v(), thresholds: v(), sub_domain_levels: v(), target: v(), elements: v(), domains: v(), sub_domains: v(), gaps: v(), warnings: v() }), // Outcome
  (v) => ({ id: v(), version: v(), provenance: v(), total_rule: v() }), // ModelInfo
  (v) => ({ structure: v(), requirements: v(), method: v(), weights: v() }), // ProvenanceStatus
  (v) => ({ id: v(), name: v() }), // ProfileInfo
  (v) => ({ zh: v(), en: v() }), // Text
  (v) => ({ id: v(), enterprise: v(), assessed_on: v(), assessor: v() }), // AssessmentInfo
  (v) => ({ name: v(), code: v(), industry: v(), region: v() }), // Enterprise
  (v) => ({ sub_domains: v(), excluded: v(), included: v(), tailored: v(), requirements: v() }), // ScopeInfo
  (v) => ({ sub_domain: v(), reason: v() }), // Tailoring
  (v) => ({ level: v(), name: v(), score: v(), met: v(), counted: v() }), // LevelScore
  (v) => ({ value: v(), display: v() }), // Score
  (v) => ({ rule: v(), score: v() }), // Total
  (v) => ({ level: v(), name: v() }), // Achieved
  (v) => ({ programme: v(), year: v(), minimum_level: v(), self_assessment: v(), met: v() }), // Threshold
  (v) => ({ sub_domain: v(), level: v() }), // SubDomainLevel
  (v) => ({ level: v(), reached: v(), reachable: v(), upgrades: v() }), // Target
  (v) => ({ id: v(), parent: v(), levels: v() }), // NodeScores
  (v) => ({ level: v(), score: v(), weight: v() }), // NodeLevel
  (v) => ({ target: v(), reached: v(), items: v(), plan: v() }), // Gaps
  (v) => ({ requirement: v(), sub_domain: v(), level: v(), rating: v(), gain_level: v(), gain_total: v() }), // Gap
  (v) => ({ upgrades: v(), total: v(), level: v() }), // Plan
  (v) => ({ code: v(), message: v(), ids: v() }), // Warning
];

/** The keys of each literal, in order, as JSON: `[["self_assessed", …], …]`. */
export function shapes() {
  return JSON.stringify(literals.map((literal) => Object.keys(literal(() => null))));
}
