// The web form's user path, in headless Chromium: from a click on a rating to the level, S,
// gaps and radar updated on screen (the click's handler runs synchronously; the time ends
// after the next frame has been drawn). The sample questionnaire is imported first, then
// 200 answers change a rating each (alternately "most" and back), at 1280 × 1000. Prints
// the median and p95 in ms, and the two parts of that time: the work (the click's handler
// plus the rendering of the next frame, from the frame's start to its end) and the wait for
// the next frame to start (each click comes right after a frame, so the wait is most of a
// frame interval; a person's click lands anywhere in one, half a frame on average). The
// answer is on screen one frame after the click when the work fits in a frame (16.7 ms at
// 60 Hz). Needs target/web (scripts/build-npm.sh) and the browser tests'
// packages (bash tests/browser/setup.sh); figures go to BENCHMARKS.md, "WASM".
//
//   node scripts/bench-form.mjs
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { launch, open, serve } from "../tests/browser/chromium.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const ANSWERS = 200;

const { server, origin } = await serve(join(root, "target/web"));
const browser = await launch();
try {
  const { page, issues } = await open(browser, `${origin}/`, {
    width: 1280, height: 1000, allowed: (u) => u.startsWith(`${origin}/`) || u.startsWith("data:"),
  });
  await page.waitForSelector("body[data-ready=true]");
  await page.setInputFiles("#import-file", join(root, "data/examples/discrete.json"));
  await page.waitForFunction(() => document.getElementById("notice").textContent !== "");
  const { out: times, handler, work } = await page.evaluate(async (n) => {
    const fieldsets = [...document.querySelectorAll("fieldset.req")].filter((f) => f.querySelector("input:checked"));
    // Resolves after the next frame is drawn, with the time that frame started.
    const frame = () => new Promise((resolve) => requestAnimationFrame((start) => setTimeout(() => resolve(start), 0)));
    const out = [];
    const handler = [];
    const work = [];
    for (let i = 0; i < n; i++) {
      const f = fieldsets[i % fieldsets.length];
      f.closest("details").open = true;
      const key = f.querySelector("input:checked").value === "most" ? "full" : "most";
      const input = f.querySelector(`.opt-${key} input`);
      await frame();
      performance.mark("click");
      input.click();
      const spent = performance.measure("handler", "click").duration;
      handler.push(spent);
      const start = await frame();
      out.push(performance.measure("answer", "click").duration);
      work.push(spent + performance.now() - start);
    }
    return { out, handler, work };
  }, ANSWERS);
  const report = (name, xs) => {
    xs.sort((a, b) => a - b);
    const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
    console.log(`${name} over ${xs.length} answers: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${xs[xs.length - 1].toFixed(1)} ms`);
  };
  report("click → screen (next frame drawn)", times);
  report("click handler (engine view and DOM update)", handler);
  report("work: handler + the next frame's rendering", work);
  if (issues.length) console.log(`page problems: ${issues.join("; ")}`);
} finally {
  await browser.close();
  server.close();
}
