// Generated from data/schema/*.json by crates/cmmm-ffi/tests/typescript.rs; do not edit.
// Decimals are strings: an exact score is its full-precision value, e.g. "0.8".

/**
 * One self-assessment of one enterprise against one model profile. Build one with
 * [`Assessment::builder`], read one with [`Assessment::from_json`], or start from
 * [`Assessment::new`] and set its fields.
 */
export interface Assessment {
  /** Optional pointer to the JSON Schema, for editors. */
  "$schema"?: string | null;
  /** Id of the model the questionnaire was written for; when given it must match. */
  model?: Id | null;
  /** Id of this assessment. */
  id?: string | null;
  /** Profile (enterprise type) id, e.g. `discrete` or `process`. */
  profile: Id;
  /** Who is assessed. */
  enterprise?: Enterprise | null;
  /** Date of the assessment (free text, ISO 8601 recommended). */
  assessed_on?: string | null;
  /** Who carried out the self-assessment. */
  assessor?: string | null;
  /** Sub-domains tailored out (裁剪), each with its reason. */
  tailoring?: Tailoring[];
  /** Sub-domains that the profile excludes by default but this assessment includes. */
  include?: Id[];
  /** Requirement id → answer. */
  ratings: Map_of_Answer;
}

/**
 * The result of scoring one assessment, computed up to the [`Detail`] asked for: the
 * summary fields always; `sub_domains` from [`Detail::Profile`]; `gaps` from
 * [`Detail::Gaps`]; `domains` and `elements` at [`Detail::Full`]. Lists a tier does not
 * compute are empty and left out of the JSON; `gaps` is `null` below the gaps tier.
 */
export interface Outcome {
  /** Always true: a self-assessment, not a certified assessment. */
  self_assessed: boolean;
  /** How much of the result was computed. */
  detail: Detail;
  /** The model scored against, with the provenance of its parts and the profile's weights. */
  model: ModelInfo;
  /** The profile's id (its name is in the model). */
  profile: Id;
  /** Who was assessed. */
  assessment: AssessmentInfo;
  /** The effective scope. */
  scope: ScopeInfo;
  /** T(n) for every level, counted or not (the levels' names are in the model). */
  levels: LevelScore[];
  /** The total score S, made by the model's total rule ([`ModelInfo::total_rule`]). */
  total: Score;
  /**
   * The level S falls in: 0 (below the first level) to the top level; its name is
   * [`cmmm_model::Model::level_name`].
   */
  level: number;
  /** True when the level is 2 or above (the 2023 demonstration-factory condition). */
  meets_level_2: boolean;
  /**
   * Programme thresholds from `data/programs.json`. In JSON an object: programme id →
   * met (`null` when the programme publishes no minimum level).
   */
  thresholds: Record<string, boolean | null>;
  /**
   * The own level of every in-scope sub-domain, in model order: the sub-domains scored. In
   * JSON an object: sub-domain id → own level.
   */
  sub_domain_levels: Record<string, number>;
  /**
   * The target level and the size of the smallest plan that reaches it; `None` at the top
   * level when no target is asked for.
   */
  target?: Target | null;
  /** B(e, n) of every element ([`Detail::Full`]). */
  elements?: NodeScores[];
  /** C(d, n) of every domain ([`Detail::Full`]). */
  domains?: NodeScores[];
  /** D(s, n) of every sub-domain ([`Detail::Profile`] and above). */
  sub_domains?: NodeScores[];
  /**
   * The gap list and the plan to the target ([`Detail::Gaps`] and above). `None` (absent
   * from JSON) when there is no target (the top level is reached) or below the gaps tier;
   * [`Outcome::target`] holds the plan's size at every tier.
   */
  gaps?: Gaps | null;
  /** Things the reader must know (unofficial data, unrated requirements scored as none). */
  warnings: Warning[];
  /**
   * The evidence files of the answers, found under a directory (`cmmm score --evidence-dir`);
   * absent unless asked for.
   */
  evidence?: EvidenceManifest | null;
}

/** The form's view of a draft assessment. */
export interface FormView {
  /**
   * The result, scored with unrated requirements as the lowest scale point (listed in its
   * `scored-as-none` warning): the gaps tier, its gap list cut to the first gaps asked for
   * (`gaps.items`; `gaps.plan` whole), without the sub-domain scores: they are drawn in
   * `radar` and summed up in `progress`.
   */
  result: Outcome;
  /** Every sub-domain of the model, in model order: in scope or not, requirements, rated. */
  progress: Progress[];
  /**
   * What the draft lacks that scoring needs, left out of this result until it is given:
   * a tailoring without its reason (code `missing-reason`).
   */
  pending: Pending[];
  /** The radar of sub-domain scores, SVG text, sized for a side panel ([`radar::panel`]). */
  radar: string;
  /** The result's figures as the reports show them, so that no host rounds a score. */
  shown: Shown;
  [key: string]: unknown;
}

/** A maturity model as written in a model file. */
export interface ModelDoc {
  /** Optional pointer to the JSON Schema, for editors. */
  "$schema"?: string | null;
  /** Stable id of the model, e.g. `gbt39116-2020`. */
  id: Id;
  /** Version of this data file (not of the standard), e.g. `2020.1-illustrative.1`. */
  version: string;
  /** Title of the model. */
  title: Text;
  /** Where each part of the model comes from. */
  provenance: Provenance;
  /** The maturity levels, numbered 1, 2, … without gaps. */
  levels: LevelDef[];
  /** Name of the result below the first level (level 0). */
  below_first_level: Text;
  /** The rating scale. */
  scale: ScalePoint[];
  /** A level is met when its score T(n) is at least this value. */
  gate: Decimal;
  /** Bands of the total score S that give the level, from level 0 upward. */
  bands: Band[];
  /** How the level scores add up to the total score S. */
  total_rule: TotalRule;
  /** Capability elements, each with its domains, sub-domains and requirements. */
  elements: Element[];
  /** Enterprise-type profiles: weights and scope. */
  profiles: Profile[];
}

/** A bare rating, null while unanswered, or an object with the rating, evidence, a comment and who rated it. */
export type Answer = Rating | null | AnswerObject;

/** The object form of an answer (written by its serializer, read by its visitor). */
export interface AnswerObject {
  /** The rating; null or absent while unanswered. */
  rating?: Rating | null;
  /** References to evidence. */
  evidence?: string[];
  /** A comment. */
  comment?: string | null;
  /** Who rated it (a person or a department), in a team assessment. */
  assessor?: string | null;
  /** The requirement's sub-domain (informational). */
  sub_domain?: Id | null;
  /** The requirement's level (informational). */
  level?: number | null;
  /** The requirement's text (informational). */
  text?: Text | null;
}

/** Who was assessed. */
export interface AssessmentInfo {
  /** Assessment id (absent from JSON when the assessment has none, as every field here). */
  id?: string | null;
  /** The enterprise. */
  enterprise?: Enterprise | null;
  /** Date. */
  assessed_on?: string | null;
  /** Assessor. */
  assessor?: string | null;
}

/** A band of the total score: `min ≤ S < max` gives `level` (the top band includes its max). */
export interface Band {
  /** The level this band gives (0 = below the first level). */
  level: number;
  /** Inclusive lower bound. */
  min: Decimal;
  /** Exclusive upper bound (inclusive for the top band). */
  max: Decimal;
}

/** An exact decimal written as a string, e.g. "0.8". */
export type Decimal = string;

/**
 * How much of a result to compute. Each tier holds everything the one before it holds:
 * 
 * | tier | adds | read by |
 * |---|---|---|
 * | [`Summary`](Detail::Summary) | level, S, T(n) met and counted, level 2, programme thresholds, each sub-domain's own level, scope, warnings, provenance, the size of the plan to the target | decisions, flat tables |
 * | [`Profile`](Detail::Profile) | D(s,n) and the weight of every sub-domain at every level | radar charts, the portfolio report |
 * | [`Gaps`](Detail::Gaps) | the gap list and the plan | improvement work |
 * | [`Full`](Detail::Full) | C(d,n) and B(e,n) with weights: the whole trace | audits, the assessment report |
 * 
 * A result nobody reads is not computed: the summary costs a fraction of the full result
 * and is about a twentieth of its JSON.
 */
export type Detail = "summary" | "profile" | "gaps" | "full";

/** A capability domain (能力域). */
export interface Domain {
  /** Id, unique among domains (a domain with one sub-domain may share its id). */
  id: Id;
  /** Name. */
  name: Text;
  /** Its capability sub-domains. */
  sub_domains: SubDomain[];
}

/** A capability element (能力要素). */
export interface Element {
  /** Id, unique among elements. */
  id: Id;
  /** Name. */
  name: Text;
  /** Its capability domains. */
  domains: Domain[];
}

/** The enterprise assessed (start from `Enterprise::default()` and set its fields). */
export interface Enterprise {
  /** Name. */
  name?: string | null;
  /** Unified social credit code (统一社会信用代码) or another registration id. */
  code?: string | null;
  /** Industry. */
  industry?: string | null;
  /** Region (province, city, park). */
  region?: string | null;
}

/** One evidence file. */
export interface EvidenceFile {
  /** The requirement whose answer gives the reference. */
  requirement: Id;
  /** The reference as given. */
  reference: string;
  /** The file, relative to the evidence directory, with `/` between names. */
  file: string;
  /** Its size in bytes. */
  size: number;
  /** Its SHA-256, lowercase hexadecimal (as `sha256sum` prints it). */
  sha256: string;
}

/** The files behind the evidence references of an assessment's answers. */
export interface EvidenceManifest {
  /** Every reference that names a file, in the order of the answers. */
  files: EvidenceFile[];
  /** References that name no file. */
  missing: MissingEvidence[];
}

/** One requirement not fully met. */
export interface Gap {
  /** Requirement id. */
  requirement: Id;
  /** Its sub-domain. */
  sub_domain: Id;
  /** Its level. */
  level: number;
  /** Current rating key. */
  rating: string;
  /** How much raising it alone to the top of the scale adds to T(level). */
  gain_level: Score;
  /** How much it adds to S. */
  gain_total: Score;
}

/** The gaps to a target level and the smallest plan that reaches it. */
export interface Gaps {
  /** The level aimed at. */
  target: number;
  /** Whether the result already reaches it. */
  reached: boolean;
  /**
   * Every in-scope requirement at levels 1 to target that is not fully met, by gain in S,
   * then gain in T(n), then level and model order.
   */
  items: Gap[];
  /** The fewest rating upgrades (to the top of the scale) that reach the target. */
  plan: Plan;
}

/** An id of the model, an element, domain, sub-domain or requirement, a profile or a programme. */
export type Id = string;

/** One maturity level. */
export interface LevelDef {
  /** The level number, from 1. */
  level: number;
  /** Its name, e.g. 规范级 / Standardisation. */
  name: Text;
  /** What reaching it means. */
  summary?: Text;
}

/** T(n) of one level. */
export interface LevelScore {
  /** The level. */
  level: number;
  /** T(n). */
  score: Score;
  /** T(n) ≥ gate. */
  met: boolean;
  /** Whether T(n) counts towards S. */
  counted: boolean;
}

/** An object whose keys are unique. */
export type Map_of_Answer = Record<string, Answer>;

/** An object whose keys are unique. */
export type Map_of_Weight = Record<string, Weight>;

/** An evidence reference with no file. */
export interface MissingEvidence {
  /** The requirement whose answer gives the reference. */
  requirement: Id;
  /** The reference as given. */
  reference: string;
}

/** The model of a result. */
export interface ModelInfo {
  /** Model id. */
  id: Id;
  /** Model data version. */
  version: string;
  /**
   * How far each part of the model can be trusted (the model file's `provenance` says
   * where each comes from).
   */
  provenance: ProvenanceStatus;
  /** How S is made. */
  total_rule: TotalRule;
}

/** The scores of one element, domain or sub-domain at every level. */
export interface NodeScores {
  /** Id (its name and its place in the tree are in the model). */
  id: Id;
  /**
   * Its score at each level, from level 1; `None` (JSON `null`) where it takes no part:
   * nothing to score there (out of scope, tailored out, no requirements at the level), a
   * weight of 0, or a parent that takes no part. The same rule holds for D, C and B.
   */
  scores: (Score | null)[];
  /**
   * Its weight among the siblings that take part at each level, after rescaling, from
   * level 1 ([`Detail::Full`]; empty, and absent in JSON, below); `None` where it drops
   * out.
   */
  weights?: (Score | null)[];
}

/** A field the user still has to fill in. */
export interface Pending {
  /** The stable code of the error it would be (`missing-reason`). */
  code: string;
  /** The field (`tailoring[0].reason`). */
  field: string;
  /** The sub-domain it concerns. */
  sub_domain: string;
  [key: string]: unknown;
}

/** A set of upgrades that reaches the target. */
export interface Plan {
  /**
   * Requirements to raise to the top of the scale, by level, then by gain in T(level)
   * (largest first), then in model order.
   */
  upgrades: Id[];
  /** S after the upgrades. */
  total: Score;
  /** Level after the upgrades. */
  level: number;
}

/** An enterprise-type profile (e.g. discrete or process manufacturing). */
export interface Profile {
  /** Id, e.g. `discrete`. */
  id: Id;
  /** Name. */
  name: Text;
  /** Where the weights come from. */
  weights_provenance: Source;
  /** Weight of every node, relative to its siblings. */
  weights: Weights;
  /** Sub-domains out of scope unless an assessment includes them. */
  excluded_by_default?: Id[];
  /** Sub-domains an assessment may tailor out (裁剪) with a stated reason. */
  tailorable?: Id[];
}

/** How far a sub-domain's answers are. */
export interface Progress {
  /** The sub-domain id. */
  sub_domain: string;
  /** Whether it is scored (not excluded by the profile, nor tailored out). */
  in_scope: boolean;
  /** Its requirements (at every level). */
  requirements: number;
  /** Those with a rating on the scale; 0 when out of scope. */
  rated: number;
  /**
   * The levels at which its score D(s, n) is below the gate (compared exactly): where it
   * holds the level back. Empty when out of scope.
   */
  below_gate: number[];
  [key: string]: unknown;
}

/** Where the parts of a model come from. */
export interface Provenance {
  /** The elements, domains, sub-domains and level names. */
  structure: Source;
  /** The requirement texts. */
  requirements: Source;
  /** The rating scale, gate, bands and total rule. */
  method: Source;
}

/** The status of each part of a model. */
export interface ProvenanceStatus {
  /** The elements, domains, sub-domains and level names. */
  structure: SourceStatus;
  /** The requirement texts. */
  requirements: SourceStatus;
  /** The rating scale, gate, bands and total rule. */
  method: SourceStatus;
  /** The profile's weights. */
  weights: SourceStatus;
}

/** A scale key (full, most, partial, none), a Chinese label (全部满足, 大部分满足, 部分满足, 不满足) or an exact scale value ("0.8" or 0.8). */
export type Rating = string | number;

/** One maturity requirement (成熟度要求). */
export interface Requirement {
  /** Id, unique in the model, conventionally `<sub-domain>.<level>.<letter>`. */
  id: Id;
  /** The level it belongs to. */
  level: number;
  /** The requirement statement. */
  text: Text;
}

/** One point of the rating scale. */
export interface ScalePoint {
  /** Machine key, e.g. `most`. */
  key: string;
  /** Label, e.g. 大部分满足 / Mostly met. Inputs may give the Chinese label. */
  label: Text;
  /** Value in [0, 1]. */
  value: Decimal;
}

/** The effective scope; the sub-domains scored are [`Outcome::in_scope`]. */
export interface ScopeInfo {
  /**
   * Sub-domains the profile excludes and the assessment did not include (each list here
   * is absent from JSON when empty).
   */
  excluded?: Id[];
  /** Optional sub-domains the assessment included. */
  included?: Id[];
  /** Sub-domains tailored out, with reasons. */
  tailored?: Tailoring[];
  /** In-scope requirements (rated or scored as none). */
  requirements: number;
}

/** An exact score: a decimal string at full precision (up to 28 places, rounded half away from zero, no trailing zeros). */
export type Score = string;

/**
 * Scores as shown: two places, or more where two would put the figure on the wrong side of
 * the gate or a band bound ([`figures::shown`]); gains as [`figures::gain`] writes them.
 */
export interface Shown {
  /** S. */
  total: string;
  /** T(n) of every level, in the order of `result.levels`. */
  levels: string[];
  /** The gain in S of each gap listed, in the order of `result.gaps.items`. */
  gains: string[];
  /** S after the plan; `None` without a plan. */
  plan_total?: string | null;
  [key: string]: unknown;
}

/** The origin of one part of a model, with its status. */
export interface Source {
  /** How far the part can be trusted. */
  status: SourceStatus;
  /** What it was taken from, or what it stands in for. */
  note: Text;
}

/** How far a part of a model can be trusted. */
export type SourceStatus = "official" | "verified" | "reported" | "illustrative" | "placeholder";

/** A capability sub-domain (能力子域). */
export interface SubDomain {
  /** Id, unique among sub-domains. */
  id: Id;
  /** Name. */
  name: Text;
  /** Its maturity requirements at every level. */
  requirements: Requirement[];
}

/** A sub-domain tailored out of an assessment. */
export interface Tailoring {
  /** The sub-domain id. */
  sub_domain: Id;
  /** Why it does not apply (required). */
  reason: string;
}

/** The level aimed at and how far it is. */
export interface Target {
  /** The level aimed at (the option `target`, else the level above the one reached). */
  level: number;
  /** Whether the result already reaches it. */
  reached: boolean;
  /**
   * Whether some set of upgrades reaches it (false only for a scale whose top is below
   * 1, or a scope too small).
   */
  reachable: boolean;
  /**
   * The number of rating upgrades (to the top of the scale) in the smallest plan that
   * reaches it; 0 when reached or unreachable.
   */
  upgrades: number;
}

/**
 * A text in Chinese and English. `en` may be empty when only the Chinese text is known
 * (for example a transcription of the standard); [`Text::get`] then falls back to Chinese.
 * The strings are shared (`Arc<str>`), so results copy a model's names without allocating.
 */
export interface Text {
  /** Chinese (required, non-empty in a valid model). */
  zh: string;
  /** English (may be empty). */
  en?: string;
}

/**
 * How level scores make the total score S. `k` is the first level with T(k) below the gate,
 * or the top level when every level is met.
 */
export type TotalRule = "sum-until-first-unmet" | "met-count-plus-partial";

/** Something the reader of a result must know. */
export interface Warning {
  /** Stable code: `unofficial-model`, `scored-as-none` or `missing-evidence`. */
  code: string;
  /** Explanation. */
  message: Text;
  /** Ids concerned. */
  ids: Id[];
}

/** An exact non-negative weight: a decimal ("0.25") or a fraction of integers ("1/3"), each integer of at most 38 digits. */
export type Weight = string;

/** Weights of every element, domain and sub-domain. Siblings' weights sum to exactly 1. */
export interface Weights {
  /** Element id → weight among the elements. */
  elements: Map_of_Weight;
  /** Domain id → weight among its element's domains. */
  domains: Map_of_Weight;
  /** Sub-domain id → weight among its domain's sub-domains. */
  sub_domains: Map_of_Weight;
}
