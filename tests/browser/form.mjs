// The web form (web/, built into target/web by scripts/build-npm.sh) in headless Chromium:
// served by a local static server, it must load with no request leaving that server, fill a
// sample questionnaire by clicking (profile, tailoring with its reason, every rating, the
// details), show the level and S the CLI computes for the same file, keep every answer over
// a reload, export exactly that file, work from the keyboard and on a phone, and print. It
// saves screenshots in target/browser/. Run by scripts/test.sh after tests/browser/setup.sh.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { launch, open, serve } from "./chromium.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const site = join(root, "target/web");
const out = join(root, "target/browser");
const cli = process.env.CMMM_CLI || join(root, "target/debug/cmmm");
const samplePath = join(root, "data/examples/process-tailored.json");
const sample = JSON.parse(readFileSync(samplePath, "utf8"));
mkdirSync(out, { recursive: true });

/** The CLI's result for an assessment file (of `model`, a model file: default the embedded one), with the figures its text summary shows. */
function cliResult(path, model) {
  const withModel = model ? ["--model", model] : [];
  const result = JSON.parse(execFileSync(cli, ["score", "--format", "json", path, ...withModel], { encoding: "utf8" }));
  const text = execFileSync(cli, ["score", "--lang", "en", path, ...withModel], { encoding: "utf8" });
  const s = text.match(/^Total S = (\S+)/m);
  const levels = [...text.matchAll(/^  T\(\d+\) = (\S+)/gm)].map((m) => m[1]);
  assert.ok(s && levels.length === result.levels.length, `the CLI's summary of ${path}`);
  return { ...result, shown: { total: s[1], levels } };
}

const byId = (id) => `[id="${id}"]`;

async function shown(page) {
  return page.evaluate(() => ({
    level: document.getElementById("result-level")?.textContent,
    s: document.getElementById("result-s")?.textContent,
    sValue: document.getElementById("result-s")?.dataset.value,
    levels: [...document.querySelectorAll("#result-levels tbody td.num")].map((td) => td.textContent),
    error: document.getElementById("result-error")?.textContent ?? null,
  }));
}

/** Every answer the page shows: the checked rating of each requirement, and the controls. */
async function answers(page) {
  return page.evaluate(() => {
    const ratings = {};
    for (const fs of document.querySelectorAll("fieldset.req")) {
      const checked = fs.querySelector("input:checked");
      ratings[fs.dataset.id] = checked ? checked.value : null;
    }
    const value = (id) => document.getElementById(id).value;
    return {
      profile: value("profile"),
      lang: value("lang"),
      tailored: [...document.querySelectorAll("input[id^=tailor-]:checked")].map((b) => b.id.slice(7)),
      reasons: [...document.querySelectorAll("input.reason:not([hidden])")].map((i) => i.value),
      details: ["enterprise-name", "enterprise-industry", "enterprise-region", "assessed-on", "assessment-id"].map(value),
      ratings,
    };
  });
}

function expectEqualToCli(view, result, what) {
  assert.equal(view.error, null, `${what}: the form shows an error`);
  assert.equal(view.level, String(result.level), `${what}: level`);
  assert.equal(view.s, result.shown.total, `${what}: S`);
  assert.equal(view.sValue, result.total, `${what}: S at full precision`);
  assert.deepEqual(view.levels, result.shown.levels, `${what}: T(n)`);
}

const { server, origin } = await serve(site);
const browser = await launch();
let failed = false;
try {
  const allowed = (u) => u.startsWith(`${origin}/`) || u.startsWith("data:") || u.startsWith("blob:");
  const { page, context, issues } = await open(browser, `${origin}/`, { width: 1280, height: 1000, allowed });
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent("#result-level"), "0", "an empty questionnaire is level 0");

  // Fill the sample questionnaire as a person would: English, its profile, its tailoring
  // with the reason, the details, then every rating by clicking.
  await page.selectOption("#lang", "en");
  assert.equal(await page.textContent("h1"), "Intelligent-manufacturing maturity self-assessment");
  await page.selectOption("#profile", sample.profile);
  for (const t of sample.tailoring) {
    await page.click(`${byId(`sd-${t.sub_domain}`)} > summary`);
    await page.check(byId(`tailor-${t.sub_domain}`));
    // A tailoring without its reason is a field to fill in: the result stays on screen, the
    // pending field is listed and marked, and its link leads to it.
    assert.equal(await page.$("#result-error"), null, "no error for a tailoring without a reason");
    assert.equal(await page.textContent("#result-level"), "0", "the result stays visible");
    assert.equal(await page.getAttribute(byId(`reason-${t.sub_domain}`), "aria-invalid"), "");
    await page.click("#result-pending a");
    assert.equal(await page.evaluate(() => document.activeElement.id), `reason-${t.sub_domain}`,
      "the pending field's link moves the focus to the reason");
    await page.fill(byId(`reason-${t.sub_domain}`), t.reason);
    assert.equal(await page.$$eval("#result-pending li", (l) => l.length), 0, "nothing pending once given");
    assert.equal(await page.getAttribute(byId(`reason-${t.sub_domain}`), "aria-invalid"), null);
  }
  await page.click("#meta > summary");
  await page.fill("#enterprise-name", sample.enterprise.name);
  await page.fill("#enterprise-industry", sample.enterprise.industry);
  await page.fill("#enterprise-region", sample.enterprise.region);
  await page.fill("#assessed-on", sample.assessed_on);
  await page.fill("#assessment-id", sample.id);
  // Every rating through "next unrated" (the key N): it leads through the questionnaire in
  // order, opening each sub-domain, and says when nothing is left.
  await page.evaluate(() => document.activeElement.blur());
  const visited = [];
  for (let i = 0; i < Object.keys(sample.ratings).length; i++) {
    await page.keyboard.press("n");
    const id = await page.evaluate(() => document.activeElement.closest("fieldset.req")?.dataset.id ?? null);
    assert.ok(id && sample.ratings[id], `next unrated #${i} is a requirement of the sample (${id})`);
    visited.push(id);
    await page.click(`${byId(`req-${id}`)} .opt-${sample.ratings[id]}`);
  }
  const inOrder = await page.evaluate((ids) => [...document.querySelectorAll("fieldset.req")]
    .map((f) => f.dataset.id).filter((id) => ids.includes(id)), Object.keys(sample.ratings));
  assert.deepEqual(visited, inOrder, "next unrated goes through the requirements in order");
  await page.click("#next-unrated");
  assert.equal(await page.textContent("#tools-note"), "Everything is rated.");

  // The filter: nothing is unrated now; then everything again.
  await page.selectOption("#filter", "unrated");
  assert.equal(await page.$$eval("fieldset.req:not([hidden])", (f) => f.length), 0, "no unrated requirement is shown");
  await page.selectOption("#filter", "all");
  assert.equal(await page.$$eval("fieldset.req[hidden]", (f) => f.length), 0);

  // The level and S shown are the CLI's for the same file.
  const cliSample = cliResult(samplePath);
  expectEqualToCli(await shown(page), cliSample, "filled form vs the CLI on the sample file");

  // Below the gate: exactly the requirements at the levels where the CLI's D(s, n) < 0.8
  // (compared exactly, on 28-place integers).
  const units = (d) => { const [i, f = ""] = d.split("."); return BigInt(i + f.padEnd(28, "0")); };
  const short = new Set(cliSample.sub_domains.flatMap((sd) => sd.scores
    .map((d, n) => (d !== null && units(d) < units("0.8") ? `${sd.id}|${n + 1}` : null)).filter(Boolean)));
  const model = JSON.parse(execFileSync(cli, ["model", "export"], { encoding: "utf8" }));
  const levelOf = new Map(model.elements.flatMap((e) => e.domains.flatMap((d) => d.sub_domains
    .flatMap((sd) => sd.requirements.map((r) => [r.id, `${sd.id}|${r.level}`])))));
  const expected = Object.keys(sample.ratings).filter((id) => short.has(levelOf.get(id)));
  assert.ok(expected.length > 0, "the sample has sub-domains below the gate");
  await page.selectOption("#filter", "below-gate");
  assert.deepEqual((await page.$$eval("fieldset.req:not([hidden])", (f) => f.map((x) => x.dataset.id))).sort(),
    expected.sort(), "the below-the-gate filter");
  await page.selectOption("#filter", "all");
  assert.equal(await page.textContent("#result-level2"), "✓ Level 2 (standardisation) reached");
  const radar = await page.evaluate(() => {
    const svg = document.querySelector("#result-radar svg");
    return svg && { role: svg.getAttribute("role"), spokes: svg.textContent.includes("Data") };
  });
  assert.deepEqual(radar, { role: "img", spokes: true }, "the radar of sub-domain scores is drawn");
  // The screenshot: tall enough for the whole result panel (radar included) beside the form.
  await page.setViewportSize({ width: 1280, height: 1800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, "form.png") });
  await page.setViewportSize({ width: 1280, height: 1000 });

  // Export: exactly the sample file, and the CLI scores the export the same.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const exportedPath = join(out, "form-export.json");
  await download.saveAs(exportedPath);
  assert.equal(download.suggestedFilename(), `${sample.id}.json`);
  const exported = JSON.parse(readFileSync(exportedPath, "utf8"));
  assert.deepEqual(exported, sample, "the exported file is the sample questionnaire");
  expectEqualToCli(await shown(page), cliResult(exportedPath), "filled form vs the CLI on the export");

  // A reload keeps every answer (localStorage) and shows the same result.
  const before = await answers(page);
  const resultBefore = await shown(page);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.deepEqual(await answers(page), before, "answers persist over a reload");
  assert.deepEqual(await shown(page), resultBefore, "the result persists over a reload");
  assert.equal(before.lang, "en");
  assert.deepEqual(before.tailored, sample.tailoring.map((t) => t.sub_domain));

  // Keyboard: focus a rating, change it with the arrow keys; the result follows.
  const first = Object.keys(sample.ratings).find((id) => sample.ratings[id] === "full");
  await page.evaluate((id) => {
    const fs = document.getElementById(`req-${id}`);
    fs.closest("details").open = true;
    fs.querySelector("input:checked").focus();
  }, first);
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate((id) => document.querySelector(`[id="req-${id}"] input:checked`).value, first), "most");
  const changed = { ...sample, ratings: { ...sample.ratings, [first]: "most" } };
  const changedPath = join(out, "form-keyboard.json");
  writeFileSync(changedPath, JSON.stringify(changed));
  expectEqualToCli(await shown(page), cliResult(changedPath), "after a keyboard change");
  await page.keyboard.press("ArrowLeft");
  expectEqualToCli(await shown(page), cliSample, "after changing it back");

  // A change of language keeps the open sections open.
  const openNow = async () => page.$$eval("details.sub-domain[open]", (d) => d.map((x) => x.dataset.id));
  for (const sd of ["data", "energy", "sales"]) {
    await page.evaluate((id) => { document.getElementById(`sd-${id}`).open = true; }, sd);
  }
  const openBefore = await openNow();
  assert.ok(openBefore.length >= 3, `sections are open (${openBefore})`);
  await page.selectOption("#lang", "zh");
  assert.deepEqual(await openNow(), openBefore, "switching the language keeps sections open");
  await page.selectOption("#lang", "en");
  assert.deepEqual(await openNow(), openBefore);

  // Evidence and a comment on one answer: typed as a person types (a blank line, trailing
  // spaces, markup in the comment), kept as text, not scored, saved over a reload, exported
  // in the answer object `cmmm score` reads, found by the filter; cleared, the answer is the
  // bare rating again.
  const noted = Object.keys(sample.ratings)[1];
  const stored = () => page.evaluate((id) => JSON.parse(localStorage.getItem("cmmm.form.v1")).assessment.ratings[id], noted);
  await page.evaluate((id) => { document.getElementById(`req-${id}`).closest("details").open = true; }, noted);
  await page.click(`${byId(`note-${noted}`)} > summary`);
  const comment = '<img src=x onerror="window.pwned=4"> minutes reviewed';
  await page.fill(byId(`evidence-${noted}`), "QP-07 智能制造规划 \n\n  minutes-2024.pdf");
  await page.fill(byId(`comment-${noted}`), ` ${comment} `);
  assert.equal(await page.textContent(byId(`note-state-${noted}`)), "2 evidence references · comment");
  // The comment's markup is text (the page's policy would also stop an inline handler).
  const printedNote = () => page.evaluate((id) => {
    const el = document.getElementById(`print-note-${id}`);
    return { elements: el.querySelectorAll("*").length, text: el.textContent };
  }, noted);
  assert.deepEqual(await printedNote(), { elements: 0, text: `Evidence: QP-07 智能制造规划; minutes-2024.pdf\nComment: ${comment}` });
  const annotated = { rating: sample.ratings[noted], evidence: ["QP-07 智能制造规划", "minutes-2024.pdf"], comment };
  assert.deepEqual(await stored(), annotated, "the answer holds its evidence and comment");
  expectEqualToCli(await shown(page), cliSample, "evidence and comments are not scored");
  await page.selectOption("#filter", "commented");
  assert.deepEqual(await page.$$eval("fieldset.req:not([hidden])", (f) => f.map((x) => x.dataset.id)), [noted],
    "the filter finds the answer with evidence or a comment");
  await page.selectOption("#filter", "all");
  const [noteDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const notedPath = join(out, "form-noted.json");
  await noteDownload.saveAs(notedPath);
  assert.deepEqual(JSON.parse(readFileSync(notedPath, "utf8")), { ...sample, ratings: { ...sample.ratings, [noted]: annotated } },
    "the export carries the evidence and the comment");
  expectEqualToCli(await shown(page), cliResult(notedPath), "the CLI scores the export with its notes the same");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent(byId(`note-state-${noted}`)), "2 evidence references · comment", "notes persist");
  assert.equal((await printedNote()).elements, 0);
  await page.evaluate((id) => { document.getElementById(`req-${id}`).closest("details").open = true; }, noted);
  await page.click(`${byId(`note-${noted}`)} > summary`);
  assert.equal(await page.inputValue(byId(`comment-${noted}`)), comment);
  await page.fill(byId(`comment-${noted}`), "");
  await page.fill(byId(`evidence-${noted}`), "");
  assert.equal(await stored(), sample.ratings[noted], "without notes, the answer is its rating again");
  await page.fill(byId(`evidence-${noted}`), "QP-07");

  // Import: the CLI's own sample file gives the CLI's result in a fresh browser.
  const fresh = await open(browser, `${origin}/`, { width: 1280, height: 1000, allowed });
  await fresh.page.waitForSelector("body[data-ready=true]");
  const discretePath = join(root, "data/examples/discrete.json");
  await fresh.page.setInputFiles("#import-file", discretePath);
  await fresh.page.waitForFunction(() => document.getElementById("notice").textContent !== "");
  expectEqualToCli(await shown(fresh.page), cliResult(discretePath), "imported discrete.json");
  // A file the engine refuses is named with its fault, in Chinese as the CLI's --lang zh says it.
  const unknownProfile = join(out, "form-import-unknown-profile.json");
  writeFileSync(unknownProfile, JSON.stringify({ profile: "nope", ratings: {} }));
  await fresh.page.setInputFiles("#import-file", unknownProfile);
  await fresh.page.waitForFunction(() => document.getElementById("notice").classList.contains("error"));
  assert.equal(await fresh.page.textContent("#notice"), "无法导入：unknown-profile：profile：未知的企业类型 `nope`");
  expectEqualToCli(await shown(fresh.page), cliResult(discretePath), "a refused import changes nothing");
  // Ratings given as labels or exact values import as their scale points (the engine's
  // `keyed`, no float in between), and score as the CLI scores that file.
  const discrete = JSON.parse(readFileSync(discretePath, "utf8"));
  const [r1, r2, r3] = Object.keys(discrete.ratings);
  const spelled = { ...discrete, ratings: { ...discrete.ratings, [r1]: "大部分满足", [r2]: 0.8, [r3]: "0.50" } };
  const spelledPath = join(out, "form-import-spelled.json");
  writeFileSync(spelledPath, JSON.stringify(spelled));
  await fresh.page.setInputFiles("#import-file", spelledPath);
  await fresh.page.waitForFunction(() => document.getElementById("notice").textContent.includes("spelled"));
  const checked = await fresh.page.evaluate((ids) => ids.map((id) =>
    document.querySelector(`[id="req-${id}"] input:checked`)?.value), [r1, r2, r3]);
  assert.deepEqual(checked, ["most", "most", "partial"], "labels and values import as their points");
  expectEqualToCli(await shown(fresh.page), cliResult(spelledPath), "imported with labels and values");
  // The import notice follows a change of language.
  const noticeZh = await fresh.page.textContent("#notice");
  await fresh.page.selectOption("#lang", "en");
  assert.equal(await fresh.page.textContent("#notice"), "Imported form-import-spelled.json.", `notice was ${noticeZh}`);
  // A hostile file imports as text: no markup, no script, no request anywhere.
  const hostile = {
    ...discrete,
    id: "<b id=pwned-id>x</b>",
    enterprise: { name: '<img src=x onerror="window.pwned=1">', region: "</textarea><script>window.pwned=2</script>" },
    tailoring: [{ sub_domain: "product-service", reason: '<svg onload="window.pwned=3">' }],
    ratings: {
      ...Object.fromEntries(Object.entries(discrete.ratings).filter(([id]) => !id.startsWith("product-service."))),
      [r1]: { rating: "full", comment: "<iframe src=//evil.example>", evidence: ["<a href=javascript:alert(1)>e</a>"] },
    },
  };
  const hostilePath = join(out, "form-import-hostile.json");
  writeFileSync(hostilePath, JSON.stringify(hostile));
  await fresh.page.setInputFiles("#import-file", hostilePath);
  await fresh.page.waitForFunction(() => document.getElementById("notice").textContent.includes("hostile"), null, { timeout: 5000 })
    .catch(async () => assert.fail(`notice: ${await fresh.page.textContent("#notice")}`));
  const injected = await fresh.page.evaluate(() => ({
    pwned: window.pwned ?? null,
    elements: document.querySelectorAll("#pwned-id, iframe, script:not([src]), img[src=x], a[href^=javascript]").length,
    name: document.getElementById("enterprise-name").value,
  }));
  assert.deepEqual(injected, { pwned: null, elements: 0, name: hostile.enterprise.name }, "an imported file injects nothing");
  // A team assessment: two parts (one overlapping sub-domain, one rating different) merged
  // in the form; the conflict is shown with both parts' ratings side by side, the one chosen
  // is kept, and the result is the CLI's for the same choice.
  const partA = join(out, "part-hr-it.json");
  const partB = join(out, "part-it-production.json");
  execFileSync(cli, ["template", "--from", discretePath, "--part", "personnel,technology", "--out", partA]);
  execFileSync(cli, ["template", "--from", discretePath, "--part", "technology,resource,manufacturing", "--out", partB]);
  const b = JSON.parse(readFileSync(partB, "utf8"));
  const conflicted = Object.keys(b.ratings).find((id) => id.startsWith("data."));
  const was = b.ratings[conflicted].rating;
  const other = was === "none" ? "full" : "none";
  b.ratings[conflicted].rating = other;
  b.assessor = "IT";
  writeFileSync(partB, JSON.stringify(b));
  await fresh.page.setInputFiles("#merge-files", [partA, partB]);
  await fresh.page.waitForSelector("#merge-conflicts fieldset.conflict");
  const conflicts = await fresh.page.$$eval("#merge-conflicts fieldset.conflict", (fs) => fs.map((f) => ({
    id: f.dataset.id,
    sides: [...f.querySelectorAll("label.side")].map((l) => l.textContent),
  })));
  assert.equal(conflicts.length, 1, JSON.stringify(conflicts));
  assert.equal(conflicts[0].id, conflicted);
  assert.ok(conflicts[0].sides[0].startsWith("part-hr-it.json") && conflicts[0].sides[1].startsWith("part-it-production.json (IT)"),
    JSON.stringify(conflicts[0].sides));
  await fresh.page.check(`#merge-conflicts fieldset.conflict label.side:nth-of-type(2) input`);
  await fresh.page.click("#merge-apply");
  await fresh.page.waitForFunction(() => document.getElementById("notice").textContent.includes("2"));
  assert.equal(await fresh.page.evaluate((id) => document.querySelector(`[id="req-${id}"] input:checked`).value, conflicted), other);
  const mergedPath = join(out, "form-merged.json");
  execFileSync(cli, ["merge", partA, partB, "--on-conflict", other === "none" ? "lowest" : "highest", "--out", mergedPath],
    { stdio: "pipe" });
  expectEqualToCli(await shown(fresh.page), cliResult(mergedPath), "merged in the form vs cmmm merge");

  // One part for a department: the chosen sub-domain's requirements only.
  await fresh.page.selectOption("#part-select", "data");
  const [part] = await Promise.all([fresh.page.waitForEvent("download"), fresh.page.click("#export-part")]);
  const partPath = join(out, "form-part.json");
  await part.saveAs(partPath);
  const exportedPart = JSON.parse(readFileSync(partPath, "utf8"));
  const partIds = Object.keys(exportedPart.ratings);
  assert.ok(partIds.length > 0 && partIds.every((id) => id.startsWith("data.")), partIds.join(","));
  assert.match(part.suggestedFilename(), /-data\.json$/);

  const csp = await fresh.page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /default-src 'none'/);
  assert.deepEqual(fresh.issues, []);
  await fresh.context.close();

  // A model built from spreadsheets, as someone holding the official text builds one (export
  // the sheets, edit, `cmmm model build`), loaded into the form: a broken file is refused with
  // the engine's message and changes nothing; the built one is kept in the browser, the form
  // shows its texts and scores as `cmmm score --model` does, its answers apart from the
  // embedded model's; "use the built-in model" goes back.
  const sheets = join(out, "model-sheets");
  execFileSync(cli, ["model", "export", "--format", "csv", "--out", sheets]);
  const requirementsCsv = join(sheets, "requirements.csv");
  const edited = readFileSync(requirementsCsv, "utf8").replace("应以书面形式表明", "（正式文本）应以书面形式表明");
  writeFileSync(requirementsCsv, edited);
  const builtPath = join(out, "model-built.json");
  execFileSync(cli, ["model", "build", "--structure", join(sheets, "structure.csv"), "--requirements", requirementsCsv,
    "--weights", join(sheets, "weights.csv"), "--id", "form-built", "--version", "1", "--requirements-status", "official",
    "--out", builtPath], { stdio: "pipe" });
  const brokenPath = join(out, "model-broken.json");
  writeFileSync(brokenPath, JSON.stringify({ ...JSON.parse(readFileSync(builtPath, "utf8")), gate: "1.5" }));
  const built = await open(browser, `${origin}/`, { width: 1280, height: 1000, allowed });
  const op = built.page;
  await op.waitForSelector("body[data-ready=true]");
  await op.setInputFiles("#model-file", brokenPath);
  await op.waitForFunction(() => document.getElementById("notice").textContent.includes("model-broken.json"));
  // In Chinese: what the engine's code means and where, then its own words.
  assert.match(await op.textContent("#notice"), /^无法加载模型 model-broken\.json：模型文件不符合模型规则（位置：gate）。invalid-model: .*gate/);
  await op.selectOption("#lang", "en");
  assert.match(await op.textContent("#notice"), /^Cannot load the model model-broken\.json: invalid-model: .*gate/);
  await op.selectOption("#lang", "zh");
  assert.equal(await op.isHidden("#model-line"), true, "a refused model changes nothing");
  await op.selectOption("#lang", "en");
  await Promise.all([op.waitForEvent("load"), op.setInputFiles("#model-file", builtPath)]);
  await op.waitForSelector("body[data-ready=true]");
  assert.equal(await op.inputValue("#lang"), "en", "the language chosen stays with another model");
  await op.selectOption("#lang", "zh");
  assert.match(await op.textContent("#model-text"), /form-built 1/);
  assert.match(await op.textContent(`${byId("req-org-strategy.1.a")} legend`), /（正式文本）/, "the loaded model's texts");
  const builtAssessment = join(out, "model-built-assessment.json");
  writeFileSync(builtAssessment, JSON.stringify({ ...discrete, model: "form-built" }));
  await op.setInputFiles("#import-file", discretePath);
  await op.waitForFunction(() => document.getElementById("notice").classList.contains("error"));
  assert.equal(await op.textContent("#notice"),
    "该文件用于模型 gbt39116-2020，本页使用 form-built：请用“加载模型”载入该模型的文件，或改用内置模型。",
    "a file of another model says which, and how to use it");
  await op.setInputFiles("#import-file", builtAssessment);
  await op.waitForFunction(() => document.getElementById("notice").textContent.includes("model-built-assessment"));
  expectEqualToCli(await shown(op), cliResult(builtAssessment, builtPath), "a loaded model vs cmmm score --model");
  const warning = await op.textContent("#result-body .warnings");
  assert.ok(warning.includes("权重") && !warning.includes("要求条款"), `only the weights are unofficial now: ${warning}`);
  await Promise.all([op.waitForEvent("load"), op.click("#default-model")]);
  await op.waitForSelector("body[data-ready=true]");
  assert.equal(await op.isHidden("#model-line"), true);
  assert.equal(await op.textContent("#result-level"), "0", "the built-in model's answers are its own");
  const kept = await op.evaluate(() => Object.keys(JSON.parse(localStorage.getItem("cmmm.form.v1.model.form-built")).assessment.ratings).length);
  assert.equal(kept, Object.keys(discrete.ratings).length, "the loaded model's answers are kept");
  // A kept model that no longer loads (an engine update tightened a rule, storage damaged):
  // the built-in model, with a notice, and the bad file is dropped.
  await op.evaluate(() => localStorage.setItem("cmmm.form.model", "{\"id\": "));
  await op.reload();
  await op.waitForSelector("body[data-ready=true]");
  assert.match(await op.textContent("#notice"), /^已保存的模型文件无法使用，已改用内置模型：/);
  assert.equal(await op.isHidden("#model-line"), true);
  assert.equal(await op.evaluate(() => localStorage.getItem("cmmm.form.model")), null);
  assert.deepEqual(built.issues, []);
  await built.context.close();

  // A phone: one column, the questions first (one tap from the top), the summary bar in
  // view, no sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.selectOption("#lang", "zh");
  const phone = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    firstQuestion: document.querySelector("details.sub-domain > summary").getBoundingClientRect().top + window.scrollY,
    summaryBar: getComputedStyle(document.getElementById("summary")).position,
  }));
  assert.ok(phone.scrollWidth <= 390, `no horizontal scrolling on a phone (${phone.scrollWidth}px)`);
  assert.ok(phone.firstQuestion < 844, `on a phone the first sub-domain is on the first screen (${phone.firstQuestion}px)`);
  assert.equal(phone.summaryBar, "fixed", "level and S stay in view on a phone");
  await page.screenshot({ path: join(out, "form-phone.png") });

  // Print: no controls, every answer as text.
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.emulateMedia({ media: "print" });
  const note = (id) => page.evaluate((id) => {
    const el = document.getElementById(`print-note-${id}`);
    return { display: getComputedStyle(el).display, text: el.textContent };
  }, id);
  const printed = await page.evaluate(() => ({
    controls: getComputedStyle(document.getElementById("controls")).display,
    radios: getComputedStyle(document.querySelector(".opts")).display,
    text: getComputedStyle(document.querySelector(".print-rating")).display,
    notes: getComputedStyle(document.querySelector(".note")).display,
  }));
  assert.deepEqual(printed, { controls: "none", radios: "none", text: "block", notes: "none" });
  assert.deepEqual(await note(noted), { display: "block", text: "证据：QP-07" }, "printed, the evidence is under the rating");
  assert.equal((await note(first)).display, "none", "an answer without notes prints none");
  // The answers as a compact table: each rating on its requirement's row, at the right.
  const row = await page.evaluate((id) => {
    const f = document.getElementById(`req-${id}`);
    const text = f.querySelector("legend").getBoundingClientRect();
    const rating = f.querySelector(".print-rating").getBoundingClientRect();
    return { sameRow: Math.abs(text.top - rating.top) < 2, right: rating.left >= text.right };
  }, first);
  assert.deepEqual(row, { sameRow: true, right: true }, "printed, a rating stands on its requirement's row");
  // With a filter on, what it hides is not printed either.
  const filtered = async (value) => {
    await page.emulateMedia({ media: "screen" });
    await page.selectOption("#filter", value);
    await page.emulateMedia({ media: "print" });
  };
  await filtered("commented");
  assert.deepEqual([(await note(noted)).display, await page.evaluate((id) =>
    getComputedStyle(document.getElementById(`req-${id}`)).display, first)], ["block", "none"], "printed, the filter holds");
  await filtered("all");
  const resultFirst = await page.evaluate(() => document.getElementById("result").getBoundingClientRect().top <
    document.getElementById("questionnaire").getBoundingClientRect().top);
  assert.ok(resultFirst, "printed, the result comes before the answers");
  // On A4 (794 × 1123 CSS px, default margins), the level and S are on page 1.
  await page.setViewportSize({ width: 794, height: 1123 });
  const levelTop = await page.evaluate(() => document.getElementById("result-s").getBoundingClientRect().bottom + window.scrollY);
  assert.ok(levelTop < 1123 - 96, `printed, the level and S are on page 1 (${levelTop}px)`);
  await page.pdf({ path: join(out, "form-print.pdf"), format: "A4" });
  await page.emulateMedia({ media: "screen" });

  assert.deepEqual(issues, [], "no console errors, failed requests or requests to anywhere else");
  await context.close();
  console.log(`web form: ok (level ${cliSample.level}, S = ${cliSample.shown.total}); screenshots in target/browser/`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
