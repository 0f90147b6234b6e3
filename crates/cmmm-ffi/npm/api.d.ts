// The JavaScript API's own types (options, merge parts, errors), embedded in the package's
// declarations by crates/cmmm-ffi/src/wasm.rs next to the generated contract types
// (types.d.ts).
/** The language of a chart: Chinese or English. */
export type Lang = "zh" | "en";

/** Choices of a scoring run. Unknown keys are an error (`invalid-argument`). */
export interface ScoreOptions {
  /**
   * Score unrated in-scope requirements as the lowest scale point (listed in a
   * `scored-as-none` warning) instead of throwing `missing-ratings`. Default false.
   */
  allowMissing?: boolean;
  /** Level to compute gaps and the plan for; by default the level above the one reached. */
  target?: number | null;
  /**
   * How much of the result to compute: `"summary"` (the decisions), `"profile"` (+ D per
   * sub-domain and level), `"gaps"` (+ the gap list and plan) or `"full"` (+ C and B per
   * node and level). Default `"full"`.
   */
  detail?: Detail | null;
}

/** Choices of a form view. Unknown keys are an error (`invalid-argument`). */
export interface ViewOptions {
  /** The language of the radar's labels. Default English. */
  lang?: Lang;
  /** Level to list gaps and the plan for; by default the level above the one reached. */
  target?: number | null;
  /** How many gaps to list. Default 8. */
  top?: number;
}

/** A part of a team assessment to merge: its name (shown with its ratings) and assessment. */
export interface MergePart {
  name: string;
  assessment: Assessment | string;
}

/** One part's rating of a requirement. */
export interface MergeSide {
  /** The part's index among those merged. */
  part: number;
  /** The part's name. */
  at: string;
  /** Who rated it, when the answer or its part names someone. */
  assessor: string | null;
  /** The rating as given. */
  rating: string;
  /** The key of its scale point, when it is on the scale. */
  key: string | null;
}

/** Different ratings of one requirement. */
export interface MergeConflict {
  requirement: string;
  sides: MergeSide[];
  /** The rating the policy kept. */
  kept: string | null;
}

/** The merged assessment and what the merge noticed. */
export interface Merged {
  assessment: Assessment;
  /** Fields the parts disagree on (the first part's value is kept). */
  warnings: string[];
  /** Conflicts the policy resolved, for the user to confirm or change. */
  resolved: MergeConflict[];
  /** In-scope requirements no part rates. */
  uncovered: string[];
  /** Ratings each part gave. */
  taken: number[];
}

/**
 * What every function throws on bad input: a JavaScript `Error` whose `name` is
 * `"CmmmError"`, with the engine's stable code (the same as the CLI's and the C API's, e.g.
 * `invalid-rating`) and where the fault is.
 */
export interface CmmmError extends Error {
  name: "CmmmError";
  /**
   * The stable code: `invalid-json`, `invalid-model`, `model-mismatch`, `unknown-profile`,
   * `unknown-requirement`, `invalid-rating`, `out-of-scope-rating`, `unknown-sub-domain`,
   * `not-tailorable`, `missing-reason`, `invalid-scope`, `duplicate-key`, `missing-ratings`,
   * `nothing-to-score`, `invalid-target`, `not-optional`, `invalid-argument`;
   * `panic` is a bug in the engine (please report it).
   */
  code: string;
  /** The JSON path, requirement id or argument at fault (`ratings.data.2.a`, `profile`, …); may be empty. */
  location: string;
  /**
   * The message in Chinese, for the faults of an assessment (the CLI's `--lang zh` text, e.g.
   * `ratings.data.1.a：\`七成\` 不在评分等级中（可填：…）`); absent where the engine says it in
   * English only (a model's faults, arguments).
   */
  messageZh?: string;
}
