// The cmmm self-assessment form: a static page. Everything is computed in this browser by
// the cmmm engine compiled to WebAssembly (vendor/index.js over vendor/cmmm.js, copied from
// the npm package by scripts/build-npm.sh); nothing is sent anywhere. Answers live in localStorage, and the
// assessment file it imports and exports is the one `cmmm score` reads.

import init, { Model } from "./vendor/index.js";

/** A model file the user loaded (its text), used instead of the embedded default model. */
const MODEL_STORE = "cmmm.form.model";
/** The language last chosen, whatever the model (each model's answers are kept apart). */
const LANG_STORE = "cmmm.form.lang";
const GAPS_SHOWN = 8;

const UI = {
  zh: {
    title: "智能制造能力成熟度自评估",
    subtitle: "GB/T 39116-2020 模型 · GB/T 39117-2020 方法 · 在浏览器中计算，答案不离开本机",
    skip: "跳到问卷",
    language: "语言",
    profile: "企业类型",
    import: "导入 JSON",
    export: "导出 JSON",
    print: "打印",
    reset: "清空",
    questionnaire: "问卷",
    details: "评估信息（可选）",
    enterprise: "企业名称",
    code: "统一社会信用代码",
    industry: "行业",
    region: "地区",
    assessor: "评估人",
    date: "评估日期",
    "assessment-id": "评估编号",
    how: "逐条评价每项要求；未评的要求按“不满足”计分。每条要求可记录证据与备注（不计分，随文件导出并打印）。可以按规定裁剪不适用的能力子域（须说明理由）。",
    result: "结果",
    footer: "自评估结果，非认证结论。cmmm 开源引擎（WebAssembly），结果与命令行逐位一致。",
    unrated: "未评",
    rated: (n, total) => `已评 ${n} / ${total}`,
    nextUnrated: "下一条未评",
    exportPart: "导出部分",
    partOf: "部分：",
    mergeParts: "合并各部分",
    merged: (n, uncovered) => `已合并 ${n} 个部分${uncovered ? `；${uncovered} 条要求没有部分评分` : ""}。`,
    conflictsTitle: (n) => `${n} 条要求在各部分中评分不同：请为每条选定评分`,
    applyMerge: "采用所选评分",
    cancelMerge: "取消",
    nextUnratedHint: "快捷键 N",
    allRated: "全部已评。",
    filter: "显示",
    filterAll: "全部要求",
    filterUnrated: "仅未评",
    filterBelowGate: (g) => `未达门槛（${g}）的`,
    filterCommented: "有证据或备注的",
    note: "证据与备注",
    noteState: (n, comment) => [n ? `证据 ${n} 项` : "", comment ? "有备注" : ""].filter(Boolean).join(" · "),
    evidence: "证据（每行一项：文件名或文档编号）",
    comment: "备注",
    printEvidence: "证据：",
    printComment: "备注：",
    level: "等级",
    levelShort: (n) => `${n} 级`,
    total: "总分 S",
    levelScores: "各级得分 T(n)",
    met: "达到",
    notMet: "未达到",
    counted: "计入 S",
    notCounted: "不计入",
    gate: (g) => `门槛 ${g}`,
    level2: "达到二级（规范级）",
    thresholds: "政策门槛",
    minLevel: (n) => (n === null ? "未公布等级要求" : `要求 ${n} 级及以上`),
    selfOk: "可用自评估",
    selfNo: "须第三方评估",
    noFigure: "无数据",
    gaps: (n) => `差距：迈向 ${n} 级的主要改进项`,
    reached: "已达到目标等级。",
    gain: "S 增加",
    plan: (k, level, s) => `把 ${k} 项要求提升到“全部满足”即可达到 ${level} 级（S = ${s}）。`,
    planNone: "已达到目标等级，无需提升。",
    noGaps: "没有差距：已是最高等级。",
    tailor: "裁剪（不适用）",
    reason: "裁剪理由",
    reasonNeeded: "请填写裁剪理由",
    tailored: "已裁剪",
    include: "纳入评估（本类型默认不评）",
    excluded: "本类型默认不评",
    warnings: "提示",
    scoredAsNone: (n) => `${n} 项要求未评，按“不满足”计分。`,
    imported: (name) => `已导入 ${name}。`,
    importFailed: (e) => `无法导入：${e}`,
    wrongModel: (m) => `该文件用于模型 ${m}，本页使用 ${doc.id}：请用“加载模型”载入该模型的文件${custom ? "，或改用内置模型" : ""}。`,
    loadModel: "加载模型",
    defaultModel: "改用内置模型",
    modelLine: (id, version) => `模型：${id} ${version}（已加载的模型文件）`,
    modelFailed: (name, e) => `无法加载模型 ${name}：${e}`,
    modelNotStored: "本浏览器无法保存模型文件（存储已满或为隐私模式）。",
    modelDropped: (e) => `已保存的模型文件无法使用，已改用内置模型：${e}`,
    resetConfirm: "清空所有答案和评估信息？",
    error: "无法计分",
    saved: "答案已保存在本浏览器中",
    sLabel: "S",
  },
  en: {
    title: "Intelligent-manufacturing maturity self-assessment",
    subtitle: "GB/T 39116-2020 model · GB/T 39117-2020 method · computed in your browser; answers never leave this machine",
    skip: "Skip to the questionnaire",
    language: "Language",
    profile: "Enterprise type",
    import: "Import JSON",
    export: "Export JSON",
    print: "Print",
    reset: "Clear",
    questionnaire: "Questionnaire",
    details: "Assessment details (optional)",
    enterprise: "Enterprise name",
    code: "Registration code",
    industry: "Industry",
    region: "Region",
    assessor: "Assessor",
    date: "Date",
    "assessment-id": "Assessment id",
    how: "Rate every requirement; unrated ones score as “not met”. Each may carry evidence and a comment (not scored; exported and printed with it). Sub-domains that do not apply may be tailored out, with a reason.",
    result: "Result",
    footer: "A self-assessment, not a certified assessment. cmmm open-source engine (WebAssembly); the same results as the command line, digit for digit.",
    unrated: "Unrated",
    rated: (n, total) => `${n} of ${total} rated`,
    nextUnrated: "Next unrated",
    exportPart: "Export part",
    partOf: "Part:",
    mergeParts: "Merge parts",
    merged: (n, uncovered) => `Merged ${n} parts${uncovered ? `; ${uncovered} requirement(s) rated by no part` : ""}.`,
    conflictsTitle: (n) => `${n} requirement(s) rated differently by the parts: choose each rating`,
    applyMerge: "Use the chosen ratings",
    cancelMerge: "Cancel",
    nextUnratedHint: "shortcut N",
    allRated: "Everything is rated.",
    filter: "Show",
    filterAll: "all requirements",
    filterUnrated: "unrated only",
    filterBelowGate: (g) => `below the gate (${g})`,
    filterCommented: "with evidence or comments",
    note: "Evidence and comment",
    noteState: (n, comment) => [n ? `${n} evidence reference${n === 1 ? "" : "s"}` : "", comment ? "comment" : ""].filter(Boolean).join(" · "),
    evidence: "Evidence (one per line: a file name or document number)",
    comment: "Comment",
    printEvidence: "Evidence: ",
    printComment: "Comment: ",
    level: "Level",
    levelShort: (n) => `level ${n}`,
    total: "Total S",
    levelScores: "Level scores T(n)",
    met: "met",
    notMet: "not met",
    counted: "in S",
    notCounted: "not in S",
    gate: (g) => `gate ${g}`,
    level2: "Level 2 (standardisation) reached",
    thresholds: "Programme thresholds",
    minLevel: (n) => (n === null ? "no published level" : `level ${n} or above`),
    selfOk: "self-assessment accepted",
    selfNo: "third-party assessment required",
    noFigure: "no figure",
    gaps: (n) => `Gaps: the main improvements towards level ${n}`,
    reached: "The target level is reached.",
    gain: "adds to S",
    plan: (k, level, s) => `Raising ${k} requirement(s) to “fully met” reaches level ${level} (S = ${s}).`,
    planNone: "The target level is reached; nothing to raise.",
    noGaps: "No gaps: this is the top level.",
    tailor: "Tailor out (does not apply)",
    reason: "Reason for tailoring",
    reasonNeeded: "Give a reason for tailoring",
    tailored: "tailored out",
    include: "Include (left out for this type by default)",
    excluded: "left out for this type by default",
    warnings: "Notes",
    scoredAsNone: (n) => `${n} requirement(s) not rated, scored as “not met”.`,
    imported: (name) => `Imported ${name}.`,
    importFailed: (e) => `Cannot import: ${e}`,
    wrongModel: (m) => `This file is for model ${m}; this page uses ${doc.id}: load that model's file with “Load model”${custom ? ", or use the built-in model" : ""}.`,
    loadModel: "Load model",
    defaultModel: "Use the built-in model",
    modelLine: (id, version) => `Model: ${id} ${version} (a loaded model file)`,
    modelFailed: (name, e) => `Cannot load the model ${name}: ${e}`,
    modelNotStored: "This browser cannot keep the model file (storage full, or private mode).",
    modelDropped: (e) => `The saved model file cannot be used; the built-in model is used instead: ${e}`,
    resetConfirm: "Clear every answer and the assessment details?",
    error: "Cannot score",
    saved: "Answers are saved in this browser",
    sLabel: "S",
  },
};

const $ = (id) => document.getElementById(id);

/**
 * The codes (a stable contract: the README's error model) of the engine's errors that come
 * without a Chinese message (a model's faults, parts and merges), in Chinese; the faults of
 * an assessment carry the engine's own (`messageZh`).
 */
const ERRORS_ZH = {
  "invalid-json": "不是有效的 JSON，或字段不符合文件格式",
  "invalid-model": "模型文件不符合模型规则",
  "unknown-profile": "企业类型不在模型中",
  "unknown-sub-domain": "有模型中没有的能力子域",
  "not-optional": "该能力子域不是可选纳入的",
  "invalid-scope": "裁剪与纳入的设置不成立",
  "duplicate-key": "同一项出现了两次",
  "conflicting-ratings": "各部分对同一要求的评分不同",
  "nothing-to-merge": "没有可合并的部分",
  "invalid-argument": "参数无效",
};

/**
 * An engine error for the page: in Chinese, the engine's Chinese message, or what its code
 * means and where followed by the engine's English words.
 */
function explain(e, lang) {
  if (lang !== "zh") return e.message;
  if (e.messageZh) return `${e.code}：${e.messageZh}`;
  const what = ERRORS_ZH[e.code];
  return what ? `${what}${e.location ? `（位置：${e.location}）` : ""}。${e.message}` : e.message;
}

/** An element with attributes and children (strings become text, never HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

await init();

/**
 * The engine over the model: a model file the user loaded (kept in this browser, validated by
 * the engine each time the page opens) or the embedded default model.
 */
function openModel() {
  let text = null;
  try {
    text = localStorage.getItem(MODEL_STORE);
  } catch {
    // No storage: the embedded model.
  }
  if (text === null) return { engine: new Model(), custom: false };
  try {
    return { engine: new Model(text), custom: true };
  } catch (e) {
    try {
      localStorage.removeItem(MODEL_STORE);
    } catch {
      // It stays; the next start refuses it again.
    }
    return { engine: new Model(), custom: false, problem: e };
  }
}
const { engine, custom, problem: modelProblem } = openModel();
const doc = engine.doc();
// Answers are kept per model: the embedded model's under the key the form has always used.
const STORE = custom ? `cmmm.form.v1.model.${doc.id}` : "cmmm.form.v1";
const programmes = await fetch("data/programs.json")
  .then((r) => (r.ok ? r.json() : { programmes: [] }))
  .catch(() => ({ programmes: [] }));

// The model, flattened: sub-domains with their element and domain, requirements by id.
const subDomains = [];
const requirements = new Map();
for (const element of doc.elements) {
  for (const domain of element.domains) {
    for (const sd of domain.sub_domains) {
      subDomains.push({ ...sd, element, domain });
      for (const r of sd.requirements) requirements.set(r.id, { ...r, subDomain: sd });
    }
  }
}
const subDomainById = new Map(subDomains.map((s) => [s.id, s]));
const levelName = (n, lang) =>
  n === 0 ? doc.below_first_level[lang] || doc.below_first_level.zh : doc.levels[n - 1].name[lang] || doc.levels[n - 1].name.zh;

/**
 * The scale point of a rating key. The form holds ratings as keys only: its own answers are
 * keys, and imported or saved files go through the engine's `keyed`, which writes every
 * rating that names a point (a label, an exact value) as its key.
 */
const pointOf = (key) => doc.scale.find((p) => p.key === key) || null;
const ratingOf = (answer) =>
  answer !== null && typeof answer === "object" ? answer.rating ?? null : answer ?? null;

// The form's state: the assessment as a file holds it, plus answers of sub-domains that are
// out of scope at the moment (kept so that undoing a tailoring brings them back).
/** The language last chosen in this browser, if any. */
function lastLang() {
  try {
    const lang = localStorage.getItem(LANG_STORE);
    return lang === "en" || lang === "zh" ? lang : null;
  } catch {
    return null;
  }
}

const blank = () => ({
  lang: lastLang() ?? "zh",
  assessment: { model: doc.id, profile: doc.profiles[0].id, tailoring: [], include: [], ratings: {} },
});
let state = load();

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE));
    if (saved && saved.assessment && saved.assessment.model === doc.id) {
      const s = blank();
      s.lang = lastLang() ?? (saved.lang === "en" ? "en" : "zh");
      Object.assign(s.assessment, saved.assessment);
      s.assessment.ratings = keyedRatings(s.assessment);
      if (!doc.profiles.some((p) => p.id === s.assessment.profile)) s.assessment.profile = doc.profiles[0].id;
      return s;
    }
  } catch {
    // Unreadable storage: start afresh.
  }
  return blank();
}

/** The ratings of `a` with every rating on the scale as its key (the engine's `keyed`). */
function keyedRatings(a) {
  try {
    return engine.keyed({ profile: String(a.profile), ratings: a.ratings || {} }).ratings;
  } catch {
    return a.ratings || {};
  }
}

function save() {
  try {
    localStorage.setItem(STORE, JSON.stringify(state));
    localStorage.setItem(LANG_STORE, state.lang);
  } catch {
    // Private mode or full storage: the form still works, without persistence.
  }
}

const profile = () => doc.profiles.find((p) => p.id === state.assessment.profile);
const tailoringOf = (id) => state.assessment.tailoring.find((t) => t.sub_domain === id);
const excludedByDefault = (id) => (profile().excluded_by_default || []).includes(id);
const tailorable = (id) => (profile().tailorable || []).includes(id);
/**
 * The assessment file of the current answers, every requirement's included: the draft the
 * engine's view scores (it leaves out the answers of sub-domains out of scope, which the
 * draft keeps so that taking one back in loses nothing).
 */
function assessmentFile() {
  const a = state.assessment;
  const out = { model: doc.id };
  for (const k of ["id"]) if (a[k]) out[k] = a[k];
  out.profile = a.profile;
  const enterprise = {};
  for (const k of ["name", "code", "industry", "region"]) if (a.enterprise?.[k]) enterprise[k] = a.enterprise[k];
  if (Object.keys(enterprise).length) out.enterprise = enterprise;
  if (a.assessed_on) out.assessed_on = a.assessed_on;
  if (a.assessor) out.assessor = a.assessor;
  const tailoring = a.tailoring.filter((t) => subDomainById.has(t.sub_domain) && tailorable(t.sub_domain));
  if (tailoring.length) out.tailoring = tailoring.map((t) => ({ sub_domain: t.sub_domain, reason: t.reason }));
  const include = a.include.filter((id) => excludedByDefault(id));
  if (include.length) out.include = include;
  out.ratings = {};
  for (const sd of subDomains) {
    for (const r of sd.requirements) out.ratings[r.id] = a.ratings[r.id] ?? null;
  }
  return out;
}

/** The assessment file as exported: the answers of the sub-domains in scope, as the engine's last view has it. */
function scopedFile() {
  const file = assessmentFile();
  return lastView ? engine.part(file, lastView.progress.filter((p) => p.in_scope).map((p) => p.sub_domain)) : file;
}

// ---------------------------------------------------------------------------------------
// The questionnaire.

function renderTree() {
  const t = UI[state.lang];
  const lang = state.lang;
  const tree = $("tree");
  // The sub-domains open now stay open (a change of language or profile redraws them).
  const open = new Set([...tree.querySelectorAll("details.sub-domain[open]")].map((d) => d.dataset.id));
  tree.replaceChildren(tools(t));
  for (const element of doc.elements) {
    const section = h("section", { class: "element", dataset: { id: element.id } },
      h("h3", {}, element.name[lang] || element.name.zh, h("span", { class: "el-state", id: `el-state-${element.id}` })));
    for (const domain of element.domains) {
      // A domain with one sub-domain of the same name needs no heading of its own.
      const same = domain.sub_domains.length === 1 && domain.sub_domains[0].name.zh === domain.name.zh;
      if (!same) section.append(h("h4", { class: "domain" }, domain.name[lang] || domain.name.zh));
      for (const sd of domain.sub_domains) {
        const details = renderSubDomain(sd, t, lang);
        details.open = open.has(sd.id);
        section.append(details);
      }
    }
    tree.append(section);
  }
}

/** The tools above the questionnaire: next unrated (also the key N) and the filter. */
function tools(t) {
  const filter = h("select", { id: "filter", onchange: (e) => { state.filter = e.target.value; applyFilter(); } },
    h("option", { value: "all" }, t.filterAll),
    h("option", { value: "unrated" }, t.filterUnrated),
    h("option", { value: "below-gate" }, t.filterBelowGate(doc.gate)),
    h("option", { value: "commented" }, t.filterCommented));
  filter.value = state.filter || "all";
  return h("div", { class: "tools" },
    h("button", { type: "button", id: "next-unrated", title: t.nextUnratedHint, "aria-keyshortcuts": "N", onclick: nextUnrated },
      t.nextUnrated),
    h("label", {}, h("span", {}, t.filter), filter),
    h("span", { class: "tools-note", id: "tools-note", role: "status" }));
}

/** The in-scope requirements the engine scored as unrated, from the last view. */
function unratedIds() {
  const w = lastView ? lastView.result.warnings.find((x) => x.code === "scored-as-none") : null;
  return new Set(w ? w.ids : []);
}

/** Moves to the first unrated requirement after the one in focus (from the top, then). */
function nextUnrated() {
  const unrated = unratedIds();
  const all = [...document.querySelectorAll("fieldset.req")].filter((f) => unrated.has(f.dataset.id));
  $("tools-note").textContent = all.length ? "" : UI[state.lang].allRated;
  if (!all.length) return;
  const here = document.activeElement?.closest?.("fieldset.req");
  const after = here ? all.find((f) => here.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
  reveal((after || all[0]).dataset.id);
}

document.addEventListener("keydown", (e) => {
  if (e.key !== "n" && e.key !== "N") return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  if (target.closest && target.closest("input:not([type=radio]), textarea, select")) return;
  e.preventDefault();
  nextUnrated();
});

/** Whether some requirement or sub-domain is hidden by the filter now. */
let filtering = false;

/**
 * Shows only the requirements the filter asks for (and the sub-domains that hold them). With
 * everything shown already, showing everything is nothing to do: the common case after an
 * answer.
 */
function applyFilter() {
  const filter = state.filter || "all";
  if (filter === "all" && !filtering) return;
  filtering = filter !== "all";
  const unrated = unratedIds();
  // The levels of each sub-domain below the gate, as the engine compared them.
  const short = new Set((lastView ? lastView.progress : [])
    .flatMap((p) => p.below_gate.map((level) => `${p.sub_domain}|${level}`)));
  const keep = (id) => {
    if (filter === "unrated") return unrated.has(id);
    if (filter === "below-gate") {
      const r = requirements.get(id);
      return Boolean(r) && short.has(`${r.subDomain.id}|${r.level}`);
    }
    if (filter === "commented") {
      const { evidence, comment } = noteOf(state.assessment.ratings[id]);
      return evidence.length > 0 || comment !== "";
    }
    return true;
  };
  for (const f of document.querySelectorAll("fieldset.req")) f.hidden = !keep(f.dataset.id);
  for (const d of document.querySelectorAll("details.sub-domain")) {
    const any = [...d.querySelectorAll("fieldset.req")].some((f) => !f.hidden);
    d.classList.toggle("filtered-out", filter !== "all" && !any);
  }
}

function renderSubDomain(sd, t, lang) {
  const details = h("details", { class: "sub-domain", id: `sd-${sd.id}`, dataset: { id: sd.id } });
  const summary = h(
    "summary",
    {},
    h("span", { class: "sd-name" }, sd.name[lang] || sd.name.zh),
    h("span", { class: "sd-state", id: `state-${sd.id}` }),
  );
  details.append(summary);

  const controls = h("div", { class: "sd-controls" });
  if (excludedByDefault(sd.id)) {
    const box = h("input", {
      type: "checkbox",
      id: `include-${sd.id}`,
      checked: state.assessment.include.includes(sd.id),
      onchange: (e) => {
        const inc = state.assessment.include.filter((x) => x !== sd.id);
        if (e.target.checked) inc.push(sd.id);
        state.assessment.include = inc;
        changed();
      },
    });
    controls.append(h("label", { class: "check" }, box, t.include));
  }
  if (tailorable(sd.id)) {
    const current = tailoringOf(sd.id);
    const reason = h("input", {
      id: `reason-${sd.id}`,
      class: "reason",
      placeholder: t.reasonNeeded,
      "aria-label": t.reason,
      value: current?.reason ?? "",
      hidden: !current,
      oninput: (e) => {
        const entry = tailoringOf(sd.id);
        if (entry) entry.reason = e.target.value;
        changed();
      },
    });
    const box = h("input", {
      type: "checkbox",
      id: `tailor-${sd.id}`,
      checked: Boolean(current),
      onchange: (e) => {
        const rest = state.assessment.tailoring.filter((x) => x.sub_domain !== sd.id);
        if (e.target.checked) rest.push({ sub_domain: sd.id, reason: reason.value });
        state.assessment.tailoring = rest;
        reason.hidden = !e.target.checked;
        if (e.target.checked) reason.focus();
        changed();
      },
    });
    controls.append(h("label", { class: "check" }, box, t.tailor), reason);
  }
  if (controls.childNodes.length) details.append(controls);

  const body = h("div", { class: "sd-body", id: `body-${sd.id}` });
  for (const level of doc.levels) {
    const reqs = sd.requirements.filter((r) => r.level === level.level);
    if (!reqs.length) continue;
    body.append(h("h5", { class: "level-head" }, level.name[lang] || level.name.zh));
    for (const r of reqs) body.append(renderRequirement(r, t, lang));
  }
  details.append(body);
  return details;
}

function renderRequirement(r, t, lang) {
  const answer = state.assessment.ratings[r.id];
  const current = pointOf(ratingOf(answer));
  const note = noteOf(answer);
  const name = `r-${r.id}`;
  const options = [{ key: "", label: t.unrated }].concat(
    doc.scale.map((p) => ({ key: p.key, label: p.label[lang] || p.label.zh })),
  );
  const radios = options.map((o) =>
    h(
      "label",
      { class: `opt opt-${o.key || "unrated"}` },
      h("input", {
        type: "radio",
        name,
        value: o.key,
        checked: (current ? current.key : "") === o.key,
        onchange: () => rate(r.id, o.key),
      }),
      h("span", {}, o.label),
    ),
  );
  return h(
    "fieldset",
    { class: "req", id: `req-${r.id}`, dataset: { id: r.id } },
    h("legend", {}, h("span", { class: "req-id" }, r.id), " ", r.text[lang] || r.text.zh),
    h("div", { class: "opts" }, radios),
    h("div", { class: "print-rating" }, current ? current.label[lang] || current.label.zh : t.unrated),
    renderNote(r.id, note, t),
    h("div", { class: "print-note", id: `print-note-${r.id}` }, printNote(note, t)),
  );
}

/** The evidence references and the comment of an answer (none for a bare rating). */
function noteOf(answer) {
  const object = answer !== null && typeof answer === "object";
  return {
    evidence: object && Array.isArray(answer.evidence) ? answer.evidence.map(String) : [],
    comment: object && typeof answer.comment === "string" ? answer.comment : "",
  };
}

/**
 * A requirement's evidence and comment: a closed disclosure whose summary says what it
 * holds; its two fields are made when it is first opened (300 requirements, few notes).
 */
function renderNote(id, note, t) {
  const fields = () => {
    const { evidence, comment } = noteOf(state.assessment.ratings[id]);
    return [
      h("label", {}, h("span", {}, t.evidence), h("textarea", {
        id: `evidence-${id}`, rows: 2,
        oninput: (e) => annotate(id, { evidence: e.target.value.split("\n").map((x) => x.trim()).filter(Boolean) }),
      }, evidence.join("\n"))),
      h("label", {}, h("span", {}, t.comment), h("textarea", {
        id: `comment-${id}`, rows: 2,
        oninput: (e) => annotate(id, { comment: e.target.value.trim() }),
      }, comment)),
    ];
  };
  const details = h("details", { class: "note", id: `note-${id}` },
    h("summary", {}, t.note, h("span", { class: "note-state", id: `note-state-${id}` }, noteState(note, t))));
  details.addEventListener("toggle", () => {
    if (details.open && !details.querySelector("textarea")) details.append(...fields());
  });
  return details;
}

/** What a requirement's evidence and comment (`noteOf`) hold, for the summary of their disclosure. */
function noteState({ evidence, comment }, t) {
  return t.noteState(evidence.length, comment !== "");
}

/** The evidence and comment (`noteOf`) as printed under the rating. */
function printNote({ evidence, comment }, t) {
  return [evidence.length ? `${t.printEvidence}${evidence.join("; ")}` : "", comment ? `${t.printComment}${comment}` : ""]
    .filter(Boolean).join("\n");
}

/**
 * Sets the evidence or the comment of an answer (an empty one is left out; an answer with
 * nothing but its rating is the bare rating again). Neither is scored: the answers are saved,
 * the engine is not asked again.
 */
function annotate(id, change) {
  const ratings = state.assessment.ratings;
  const previous = ratings[id];
  const answer = previous !== null && typeof previous === "object" ? { ...previous } : { rating: previous ?? null };
  for (const [k, v] of Object.entries(change)) {
    if (v.length) answer[k] = v;
    else delete answer[k];
  }
  const keys = Object.keys(answer).filter((k) => k !== "rating");
  if (keys.length) ratings[id] = answer;
  else if (answer.rating !== null && answer.rating !== undefined) ratings[id] = answer.rating;
  else delete ratings[id];
  const t = UI[state.lang];
  const note = noteOf(ratings[id]);
  setText($(`note-state-${id}`), noteState(note, t));
  setText($(`print-note-${id}`), printNote(note, t));
  save();
}

function rate(id, key) {
  const ratings = state.assessment.ratings;
  const previous = ratings[id];
  // Who rated it: the assessor named in the details, stored with the answer (a team
  // assessment merges parts by several people).
  const assessor = state.assessment.assessor;
  if (previous !== null && typeof previous === "object") {
    // An answer object (evidence, comment) keeps everything but its rating and rater.
    ratings[id] = { ...previous, rating: key || null, ...(assessor ? { assessor } : {}) };
  } else if (key && assessor) {
    ratings[id] = { rating: key, assessor };
  } else if (key) {
    ratings[id] = key;
  } else {
    delete ratings[id];
  }
  const fieldset = $(`req-${id}`);
  const point = pointOf(key);
  if (fieldset) {
    fieldset.querySelector(".print-rating").textContent = point
      ? point.label[state.lang] || point.label.zh
      : UI[state.lang].unrated;
  }
  changed();
}

/** Each sub-domain's state, from the engine's view: in scope or not, rated of all. */
function updateProgress(view) {
  const t = UI[state.lang];
  const progress = new Map((view ? view.progress : []).map((p) => [p.sub_domain, p]));
  for (const sd of subDomains) {
    const details = $(`sd-${sd.id}`);
    if (!details) continue;
    const p = progress.get(sd.id);
    // Without a view (the draft has a fault), each sub-domain stays as the last view left it.
    const scoped = p ? p.in_scope : !details.classList.contains("out");
    details.classList.toggle("out", !scoped);
    $(`body-${sd.id}`).hidden = !scoped;
    let label;
    if (tailoringOf(sd.id)) label = t.tailored;
    else if (!scoped) label = t.excluded;
    else label = p ? t.rated(p.rated, p.requirements) : "";
    const el = $(`state-${sd.id}`);
    setText(el, label);
    el.classList.toggle("complete", Boolean(p && scoped && p.rated === p.requirements));
    const reason = $(`reason-${sd.id}`);
    if (reason) reason.toggleAttribute("aria-invalid", Boolean(view && view.pending.some((x) => x.sub_domain === sd.id)));
  }
  for (const element of doc.elements) {
    const ps = element.domains.flatMap((d) => d.sub_domains).map((sd) => progress.get(sd.id)).filter((p) => p && p.in_scope);
    const el = $(`el-state-${element.id}`);
    if (el) setText(el, ps.length ? ` · ${t.rated(ps.reduce((n, p) => n + p.rated, 0), ps.reduce((n, p) => n + p.requirements, 0))}` : "");
  }
}

// ---------------------------------------------------------------------------------------
// The result.

/**
 * After every change: save, then one call of the engine (`Model.view`: the result with its
 * first gaps, each sub-domain's progress, the fields still to fill in, the radar) updates the
 * sub-domains' state and the result.
 */
let lastView = null;

function changed() {
  save();
  let view = null;
  let error = null;
  try {
    view = engine.view(assessmentFile(), { lang: state.lang, top: GAPS_SHOWN });
  } catch (e) {
    error = e;
  }
  lastView = view;
  updateProgress(view);
  renderResult(view, error);
  applyFilter();
}

function renderResult(view, error) {
  const t = UI[state.lang];
  const lang = state.lang;
  const body = $("result-body");
  if (!view) {
    body.replaceChildren(
      h("div", { class: "error", role: "alert", id: "result-error", dataset: { code: error.code || "" } },
        h("strong", {}, t.error), h("p", {}, explain(error, state.lang))),
    );
    $("summary").replaceChildren(h("span", { class: "error-chip" }, `${t.error}: ${error.code || error.message}`));
    return;
  }
  const result = view.result;
  const shown = view.shown;
  const levels = doc.levels.length;
  const scoped = view.progress.filter((p) => p.in_scope);
  const ratedCount = scoped.reduce((n, p) => n + p.rated, 0);
  const scopeCount = result.scope.requirements;

  patch($("summary"), [
    h("span", { class: "chip level" }, `${t.level} `, h("b", {}, String(result.level))),
    h("span", { class: "chip" }, `${t.sLabel} = `, h("b", {}, shown.total)),
    h("span", { class: "chip progress" }, t.rated(ratedCount, scopeCount)),
  ]);

  const headline = h(
    "div",
    { class: `headline level-${result.level}` },
    h("div", { class: "big" },
      h("span", { class: "label" }, t.level),
      h("span", { id: "result-level", class: "value" }, String(result.level))),
    h("div", { class: "big" },
      h("span", { class: "label" }, t.total),
      h("span", { id: "result-s", class: "value", title: result.total, dataset: { value: result.total } },
        shown.total)),
    h("p", { class: "level-name" }, levelName(result.level, lang)),
    h("p", { class: `flag ${result.meets_level_2 ? "yes" : "no"}`, id: "result-level2" },
      `${result.meets_level_2 ? "✓" : "✗"} ${t.level2}`),
  );

  const table = h(
    "table",
    { class: "levels", id: "result-levels" },
    h("caption", {}, `${t.levelScores} · ${t.gate(doc.gate)}`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.level), h("th", { scope: "col" }, "T(n)"),
      h("th", { scope: "col" }, t.met), h("th", { scope: "col" }, t.counted))),
    h("tbody", {}, result.levels.map((l, i) =>
      h("tr", { class: l.met ? "met" : "unmet" },
        h("th", { scope: "row" }, levelName(l.level, lang)),
        h("td", { class: "num", title: l.score }, shown.levels[i]),
        // The bar's width only: decisions and figures come from the engine.
        h("td", {}, h("span", { class: "meter", style: `--w:${Math.min(100, Number(l.score) * 100)}%` }),
          l.met ? `✓ ${t.met}` : `✗ ${t.notMet}`),
        h("td", {}, l.counted ? t.counted : t.notCounted)))),
  );

  const names = new Map((programmes.programmes || []).map((p) => [p.id, p]));
  const thresholds = h(
    "ul",
    { class: "thresholds", id: "result-thresholds" },
    Object.entries(result.thresholds).map(([id, met]) => {
      const p = names.get(id);
      const mark = met === null || met === undefined ? "–" : met ? "✓" : "✗";
      return h("li", { class: met ? "yes" : met === false ? "no" : "unknown" },
        h("span", { class: "mark", "aria-hidden": "true" }, mark),
        h("span", {}, h("b", {}, p ? p.name[lang] || p.name.zh : id), p ? ` (${p.year}) · ` : " · ",
          t.minLevel(p?.minimum_level ?? null), " · ", p?.self_assessment ? t.selfOk : t.selfNo,
          h("span", { class: "sr" }, ` · ${met ? t.met : met === false ? t.notMet : t.noFigure}`)));
    }),
  );

  // The radar drawn before, with only its changed shapes replaced (the sectors, rings and
  // labels stay drawn), or a new one when its frame (size, title, legend) differs.
  const svg = radarSvg(view.radar);
  let radar = $("result-radar");
  const before = radar && radar.firstElementChild;
  if (before && before.cloneNode(false).isEqualNode(svg.cloneNode(false))) {
    patch(before, [...svg.childNodes]);
  } else {
    radar = h("figure", { class: "radar", id: "result-radar" }, svg);
  }

  const gaps = h("section", { class: "gaps", id: "result-gaps" });
  if (!result.gaps) {
    gaps.append(h("h3", {}, t.gaps(levels)), h("p", {}, t.noGaps));
  } else {
    gaps.append(h("h3", {}, t.gaps(result.gaps.target)));
    if (result.gaps.reached) gaps.append(h("p", {}, t.reached));
    const items = result.gaps.items;
    const unrated = unratedIds();
    gaps.append(h("ol", {}, items.map((g, i) => {
      const r = requirements.get(g.requirement);
      const sd = subDomainById.get(g.sub_domain);
      const point = pointOf(g.rating);
      return h("li", {},
        h("a", { href: `#req-${g.requirement}`, onclick: (e) => { e.preventDefault(); reveal(g.requirement); } },
          r ? r.text[lang] || r.text.zh : g.requirement),
        h("span", { class: "gap-meta" },
          `${sd ? sd.name[lang] || sd.name.zh : g.sub_domain} · ${t.levelShort(g.level)} · ${unrated.has(g.requirement) ? t.unrated : point ? point.label[lang] || point.label.zh : g.rating} · ${t.gain} ${shown.gains[i]}`));
    })));
    const plan = result.gaps.plan;
    gaps.append(h("p", { class: "plan" }, plan.upgrades.length
      ? t.plan(plan.upgrades.length, plan.level, shown.plan_total) : t.planNone));
  }

  const notes = h("ul", { class: "warnings" }, result.warnings.map((w) =>
    h("li", {}, w.code === "scored-as-none" ? t.scoredAsNone(w.ids.length) : w.message[lang] || w.message.zh)));

  // A tailoring without its reason is not applied until it has one: said, with a way to it.
  const pending = h("ul", { class: "pending", id: "result-pending" }, view.pending.map((p) => {
    const sd = subDomainById.get(p.sub_domain);
    return h("li", { role: "status" },
      h("a", { href: `#reason-${p.sub_domain}`, onclick: (e) => { e.preventDefault(); fillReason(p.sub_domain); } },
        `${t.reasonNeeded}: ${sd ? sd.name[lang] || sd.name.zh : p.sub_domain}`));
  }));

  // The notes (above all that the model holds illustrative or placeholder content) come
  // right after the level, so nobody reads the figures as official.
  patch(body, [headline, pending, h("h3", {}, t.warnings), notes, table,
    h("h3", {}, t.thresholds), thresholds, radar, gaps]);
}

/**
 * Puts `next` in `parent` in place of its children, keeping each child equal to its new
 * counterpart (`isEqualNode`): after an answer the browser restyles, lays out and repaints
 * only what changed (BENCHMARKS.md, "WASM", the form's click → screen).
 */
function patch(parent, next) {
  const old = [...parent.childNodes];
  if (old.length !== next.length) {
    parent.replaceChildren(...next);
    return;
  }
  next.forEach((node, i) => {
    if (old[i] !== node && !old[i].isEqualNode(node)) old[i].replaceWith(node);
  });
}

/** Sets an element's text when it differs (a same-text write still re-lays it out). */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Opens the requirement's sub-domain and moves the focus to it. */
function reveal(id) {
  const fieldset = $(`req-${id}`);
  if (!fieldset) return;
  fieldset.closest("details").open = true;
  fieldset.scrollIntoView({ block: "center" });
  (fieldset.querySelector("input:checked") || fieldset.querySelector("input")).focus();
}

/** Opens the sub-domain of a tailoring and moves the focus to its reason. */
function fillReason(id) {
  const input = $(`reason-${id}`);
  if (!input) return;
  input.closest("details").open = true;
  input.scrollIntoView({ block: "center" });
  input.focus();
}

/**
 * The radar of sub-domain scores D(s, n) at the level reached and the next one, as the view
 * gives it: drawn by the engine's report renderer (cmmm-report, the same chart as the CLI's
 * HTML report), parsed as SVG, never as HTML.
 */
function radarSvg(text) {
  const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  return document.importNode(svg, true);
}

// ---------------------------------------------------------------------------------------
// Import, export, print, reset, language and profile.

/** The notice shown: `say(UI[lang])` gives its text, so it follows a change of language. */
let shownNotice = null;

function notice(say, kind = "info") {
  shownNotice = say ? { say, kind } : null;
  const el = $("notice");
  el.textContent = say ? say(UI[state.lang]) : "";
  el.className = `notice ${kind}`;
  el.hidden = !say;
}

function applyLanguage() {
  const t = UI[state.lang];
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = `${t.title} · cmmm`;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const v = t[el.dataset.i18n];
    if (typeof v === "string") el.textContent = v;
  }
  $("lang").value = state.lang;
  $("model-line").hidden = !custom;
  if (custom) setText($("model-text"), t.modelLine(doc.id, doc.version));
  if (shownNotice) notice(shownNotice.say, shownNotice.kind);
  const select = $("profile");
  select.replaceChildren(...doc.profiles.map((p) => h("option", { value: p.id }, p.name[state.lang] || p.name.zh)));
  select.value = state.assessment.profile;
  const parts = $("part-select");
  const chosen = parts.value;
  parts.replaceChildren(...doc.elements.map((e) => h("optgroup", { label: e.name[state.lang] || e.name.zh },
    h("option", { value: e.id }, `${e.name[state.lang] || e.name.zh} (${t.partOf.replace(/[:：]$/, "")})`),
    ...e.domains.flatMap((d) => d.sub_domains).map((sd) => h("option", { value: sd.id }, sd.name[state.lang] || sd.name.zh)))));
  if (chosen) parts.value = chosen;
}

function fillDetails() {
  const a = state.assessment;
  $("enterprise-name").value = a.enterprise?.name ?? "";
  $("enterprise-code").value = a.enterprise?.code ?? "";
  $("enterprise-industry").value = a.enterprise?.industry ?? "";
  $("enterprise-region").value = a.enterprise?.region ?? "";
  $("assessor").value = a.assessor ?? "";
  $("assessed-on").value = a.assessed_on ?? "";
  $("assessment-id").value = a.id ?? "";
}

function bindDetails() {
  const set = (id, apply) => $(id).addEventListener("input", (e) => {
    apply(e.target.value.trim() || undefined);
    changed();
  });
  const ent = (k) => (v) => {
    state.assessment.enterprise = { ...(state.assessment.enterprise || {}), [k]: v };
  };
  set("enterprise-name", ent("name"));
  set("enterprise-code", ent("code"));
  set("enterprise-industry", ent("industry"));
  set("enterprise-region", ent("region"));
  set("assessor", (v) => { state.assessment.assessor = v; });
  set("assessed-on", (v) => { state.assessment.assessed_on = v; });
  set("assessment-id", (v) => { state.assessment.id = v; });
}

/** Reads an assessment file into the form (the engine checks it; a fault is shown). */
function importAssessment(text, name) {
  const t = UI[state.lang];
  let a;
  try {
    // The engine reads the file (exactly: a rating given as a number is never a float
    // here) and writes every rating on the scale as its key.
    a = engine.keyed(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    notice((t) => t.importFailed(explain(e, state.lang)), "error");
    return false;
  }
  if (a.model && a.model !== doc.id) {
    notice((t) => t.wrongModel(a.model), "error");
    return false;
  }
  try {
    engine.score(a, { allowMissing: true });
  } catch (e) {
    // The form can hold, show and let you fix a tailoring without a reason and a rating off
    // the scale; any other fault is the file's, and it is refused as the CLI would.
    if (e.code !== "missing-reason" && e.code !== "invalid-rating") {
      notice((t) => t.importFailed(explain(e, state.lang)), "error");
      return false;
    }
  }
  applyAssessment(a);
  notice((t) => t.imported(name));
  return true;
}

/** Puts assessment `a` (ratings as keys) into the form. */
function applyAssessment(a) {
  state.assessment = {
    model: doc.id,
    id: a.id ?? undefined,
    profile: a.profile,
    enterprise: a.enterprise ?? undefined,
    assessed_on: a.assessed_on ?? undefined,
    assessor: a.assessor ?? undefined,
    tailoring: Array.isArray(a.tailoring) ? a.tailoring.map((x) => ({ sub_domain: x.sub_domain, reason: x.reason ?? "" })) : [],
    include: Array.isArray(a.include) ? [...a.include] : [],
    ratings: {},
  };
  for (const [id, answer] of Object.entries(a.ratings || {})) {
    if (answer === null) continue;
    state.assessment.ratings[id] = answer;
  }
  applyLanguage();
  fillDetails();
  renderTree();
  changed();
}

/** Downloads `file` (an assessment) as `NAME.json`, NAME from its id or enterprise. */
function download(file, suffix = "") {
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const blob = new Blob([text], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const stem = (file.id || file.enterprise?.name || "assessment").replace(/[^\p{L}\p{N}._-]+/gu, "-");
  const link = h("a", { href: url, download: `${stem}${suffix}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exportAssessment() {
  download(scopedFile());
}

/** The part of the questionnaire chosen in the part list, for one department (the engine's `part`). */
function exportPart() {
  const id = $("part-select").value;
  download(engine.part(scopedFile(), [id]), `-${id}`);
}

/**
 * Merges the parts read from `files` (the engine's `merge`): without conflicts they replace
 * the form's answers at once; with conflicts, each is shown with every part's rating side by
 * side, the lowest chosen, for the user to confirm or change.
 */
async function mergeParts(files) {
  const parts = [];
  for (const f of files) parts.push({ name: f.name, assessment: (await f.text()).replace(/^\uFEFF/, "") });
  let merged;
  try {
    merged = engine.merge(parts, "lowest");
  } catch (e) {
    notice((t) => t.importFailed(explain(e, state.lang)), "error");
    return;
  }
  const done = (chosen) => {
    const a = engine.keyed(merged.assessment);
    for (const [id, key] of Object.entries(chosen)) {
      const answer = a.ratings[id];
      a.ratings[id] = answer !== null && typeof answer === "object" ? { ...answer, rating: key } : key;
    }
    $("merge-conflicts").replaceChildren();
    applyAssessment(a);
    notice((t) => t.merged(parts.length, merged.uncovered.length));
  };
  if (!merged.resolved.length) {
    done({});
    return;
  }
  const t = UI[state.lang];
  const lang = state.lang;
  const rows = merged.resolved.map((c) => {
    const r = requirements.get(c.requirement);
    const kept = c.sides.findIndex((x) => x.rating === c.kept);
    const sides = c.sides.map((side, i) => {
      const p = pointOf(side.key);
      return h("label", { class: "side" },
        h("input", { type: "radio", name: `conflict-${c.requirement}`, value: side.key ?? side.rating, checked: i === kept }),
        h("span", {}, `${side.at}${side.assessor ? ` (${side.assessor})` : ""}: `, h("b", {}, p ? p.label[lang] || p.label.zh : side.rating)));
    });
    return h("fieldset", { class: "conflict", dataset: { id: c.requirement } },
      h("legend", {}, h("span", { class: "req-id" }, c.requirement), " ", r ? r.text[lang] || r.text.zh : ""), ...sides);
  });
  const apply = h("button", { type: "button", id: "merge-apply", onclick: () => {
    const chosen = {};
    for (const f of document.querySelectorAll("#merge-conflicts fieldset.conflict")) {
      chosen[f.dataset.id] = f.querySelector("input:checked").value;
    }
    done(chosen);
  } }, t.applyMerge);
  const cancel = h("button", { type: "button", class: "quiet", onclick: () => $("merge-conflicts").replaceChildren() }, t.cancelMerge);
  $("merge-conflicts").replaceChildren(h("h3", {}, t.conflictsTitle(rows.length)), ...rows, h("div", { class: "merge-actions" }, apply, cancel));
  $("merge-conflicts").scrollIntoView({ block: "start" });
}

$("lang").addEventListener("change", (e) => {
  state.lang = e.target.value === "en" ? "en" : "zh";
  applyLanguage();
  renderTree();
  changed();
});
$("profile").addEventListener("change", (e) => {
  state.assessment.profile = e.target.value;
  renderTree();
  changed();
});
$("import").addEventListener("click", () => $("import-file").click());
$("import-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (file) importAssessment(await file.text(), file.name);
  e.target.value = "";
});
$("export").addEventListener("click", exportAssessment);
$("export-part").addEventListener("click", exportPart);
$("merge").addEventListener("click", () => $("merge-files").click());
$("merge-files").addEventListener("change", async (e) => {
  if (e.target.files.length) await mergeParts([...e.target.files]);
  e.target.value = "";
});
$("print").addEventListener("click", () => window.print());
// Loading a model: the engine validates the file (a fault is shown, nothing changes); a valid
// one is kept in this browser and the page starts again on it, with that model's own answers.
$("load-model").addEventListener("click", () => $("model-file").click());
$("model-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  e.target.value = "";
  if (!file) return;
  const text = (await file.text()).replace(/^\uFEFF/, "");
  try {
    new Model(text).free();
  } catch (err) {
    notice((t) => t.modelFailed(file.name, explain(err, state.lang)), "error");
    return;
  }
  try {
    localStorage.setItem(MODEL_STORE, text);
  } catch {
    notice((t) => t.modelNotStored, "error");
    return;
  }
  location.reload();
});
$("default-model").addEventListener("click", () => {
  localStorage.removeItem(MODEL_STORE);
  location.reload();
});
$("reset").addEventListener("click", () => {
  if (!window.confirm(UI[state.lang].resetConfirm)) return;
  const lang = state.lang;
  state = blank();
  state.lang = lang;
  applyLanguage();
  fillDetails();
  renderTree();
  changed();
});

// Printing shows every sub-domain open; afterwards the page is as it was.
let openBeforePrint = [];
window.addEventListener("beforeprint", () => {
  openBeforePrint = [...document.querySelectorAll("details:not(.note)")].map((d) => [d, d.open]);
  for (const [d] of openBeforePrint) d.open = true;
});
window.addEventListener("afterprint", () => {
  for (const [d, open] of openBeforePrint) d.open = open;
});

applyLanguage();
fillDetails();
bindDetails();
renderTree();
changed();
if (modelProblem) notice((t) => t.modelDropped(explain(modelProblem, state.lang)), "error");
document.body.dataset.ready = "true";
