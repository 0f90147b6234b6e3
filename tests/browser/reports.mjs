// The HTML reports in headless Chromium: every example assessment (English, and Chinese for
// one), a progress report and a portfolio are rendered by the `cmmm` binary, opened from
// file:// with the network off, and must load with no console error, no failed request and
// no request at all beyond the file itself; each shows its charts, is printed to an A4 PDF
// and saved as a full-page PNG screenshot under target/report-screens/ for review.
//
//   node tests/browser/reports.mjs [path/to/cmmm [path/to/cmmm-synth]]   (scripts/test.sh runs it)

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { launch, open } from './chromium.mjs';

const root = resolve(import.meta.dirname, '../..');
const cmmm = resolve(root, process.argv[2] || 'target/debug/cmmm');
const synth = resolve(root, process.argv[3] || 'target/debug/cmmm-synth');
const out = join(root, 'target/report-screens');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const run = (args, okCodes = [0], program = cmmm) => {
  try {
    execFileSync(program, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    if (!okCodes.includes(e.status)) throw new Error(`${program} ${args.join(' ')}: ${e.stderr}`);
  }
};

// name → { file, charts: the chart titles each must show }
const reports = [];
const single = ['Level ladder', 'Sub-domain radar'];
for (const f of readdirSync(join(root, 'data/examples')).filter((f) => f.endsWith('.json')).sort()) {
  const name = f.replace(/\.json$/, '');
  run(['report', `data/examples/${f}`, '--format', 'html', '--out', join(out, `${name}.html`)]);
  reports.push({ name, charts: single });
}
run(['report', 'data/examples/discrete.json', '--lang', 'zh', '--out', join(out, 'discrete.zh.html')]);
reports.push({ name: 'discrete.zh', charts: ['等级阶梯', '能力子域雷达图'] });
run(['report', 'data/examples/discrete.json', '--previous', 'data/examples/discrete-2025.json', '--out', join(out, 'progress.html')]);
reports.push({ name: 'progress', charts: [...single, 'Level scores T(n): previous and current'] });
run(['--count', '400', '--broken', '0.01', '--format', 'ndjson', '--out', join(out, 'portfolio-input.ndjson')], [0], synth);
run(['batch', join(out, 'portfolio-input.ndjson'), '--out', join(out, 'portfolio-results.ndjson')], [0, 3]);
run(['report', '--portfolio', join(out, 'portfolio-results.ndjson'), '--name', 'Example Park <示例园区>', '--out', join(out, 'portfolio.html')]);
reports.push({ name: 'portfolio', charts: ['Distribution of levels', 'Average sub-domain profile', 'Sub-domains most often blocking'] });

const browser = await launch();
const failures = [];
try {
  for (const r of reports) {
    const file = join(out, `${r.name}.html`);
    const { page, context, issues } = await open(browser, pathToFileURL(file).href, { offline: true });
    // Every chart is drawn, with a size, and carries its title.
    const titles = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((s) => {
        const box = s.getBoundingClientRect();
        return { title: s.querySelector('title')?.textContent || '', w: box.width, h: box.height };
      }),
    );
    for (const want of r.charts) {
      if (!titles.some((t) => t.title.startsWith(want))) issues.push(`no chart titled "${want}"`);
    }
    for (const t of titles) {
      if (t.w < 300 || t.h < 150) issues.push(`chart "${t.title}" is ${t.w}×${t.h}`);
    }
    if ((await page.$$('script')).length > 0) issues.push('the report holds a script');
    await page.screenshot({ path: join(out, `${r.name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ path: join(out, `${r.name}.pdf`), format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    if (pages < 3) issues.push(`the PDF has ${pages} page(s); expected a page break per section`);
    await context.close();
    const status = issues.length ? 'FAIL' : 'ok';
    console.log(`${status.padEnd(4)} ${r.name}: ${titles.length} charts, ${pages} A4 pages`);
    for (const i of issues) failures.push(`${r.name}: ${i}`);
  }
} finally {
  await browser.close();
}
rmSync(join(out, 'portfolio-input.ndjson'), { force: true });
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`screenshots and PDFs in ${out}`);
