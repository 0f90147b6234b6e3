// The npm package `cmmm`, installed from its packed tgz (target/npm/cmmm-*.tgz, written by
// scripts/build-npm.sh), bundled into a page by Vite, esbuild and webpack 5 exactly as the
// README's "A bundler" snippets say, each page served from its build output and loaded in
// headless Chromium: it must instantiate the WebAssembly module, score the sample
// questionnaire to the CLI's level and S, and make no failed or unexpected request.
// Run by scripts/test.sh after `npm ci` here; builds in target/packaging/.

import { build as vite } from 'vite';
import * as esbuild from 'esbuild';
import webpack from 'webpack';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, serve } from '../browser/chromium.mjs';

const root = new URL('../../', import.meta.url).pathname;
const here = new URL('.', import.meta.url).pathname;
const work = join(root, 'target/packaging');

// The README's snippets: the entry every bundler builds, and esbuild's two extra lines.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('**A bundler**'), readme.indexOf('**A plain `<script type="module">`**'));
const [entry, esbuildEntry] = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
if (!entry || !esbuildEntry) throw new Error('README: the "A bundler" section has no two js snippets');

// What the page does with the package once the snippet has initialised it.
const check = `
const text = await (await fetch("./discrete.json")).text();
const result = score(text);
document.body.dataset.level = String(result.level);
document.body.dataset.total = result.total;
document.body.dataset.blank = String(Object.keys(template("discrete").ratings).length);
`;

// The package as a user installs it: the tgz unpacked into node_modules/cmmm.
const [tgz] = readdirSync(join(root, 'target/npm')).filter((f) => /^cmmm-.*\.tgz$/.test(f));
if (!tgz) throw new Error('no target/npm/cmmm-*.tgz: run scripts/build-npm.sh');
rmSync(join(here, 'node_modules/cmmm'), { recursive: true, force: true });
mkdirSync(join(here, 'node_modules/cmmm'));
execFileSync('tar', ['-xzf', join(root, 'target/npm', tgz), '-C', join(here, 'node_modules/cmmm'), '--strip-components=1']);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
symlinkSync(join(here, 'node_modules'), join(work, 'node_modules'));

/** A project directory for `name`: index.html (loading `script`) and main.js. */
function project(name, main, script) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.js'), main + check);
  writeFileSync(join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head>` +
    `<body>${script}</body></html>\n`);
  return dir;
}

const builds = {
  async vite() {
    const dir = project('vite', entry, '<script type="module" src="./main.js"></script>');
    await vite({ root: dir, logLevel: 'error', build: { outDir: join(dir, 'dist'), target: 'es2022' } });
    return join(dir, 'dist');
  },
  async esbuild() {
    const dir = project('esbuild', esbuildEntry, '<script type="module" src="./main.js"></script>');
    const dist = join(dir, 'dist');
    await esbuild.build({
      entryPoints: [join(dir, 'main.js')], bundle: true, format: 'esm', target: 'es2022',
      outdir: dist, loader: { '.wasm': 'file' }, logLevel: 'error',
    });
    cpSync(join(dir, 'index.html'), join(dist, 'index.html'));
    return dist;
  },
  async webpack() {
    const dir = project('webpack', entry, '<script src="./main.js"></script>');
    const dist = join(dir, 'dist');
    const stats = await new Promise((resolve, reject) => webpack({
      mode: 'production', context: dir, entry: './main.js',
      output: { path: dist, filename: 'main.js' },
    }, (e, s) => (e ? reject(e) : resolve(s))));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    cpSync(join(dir, 'index.html'), join(dist, 'index.html'));
    return dist;
  },
};

const expected = JSON.parse(readFileSync(join(root, 'target/npm/cli-results/discrete.json'), 'utf8'));
const failures = [];
const browser = await launch();
try {
  for (const [name, build] of Object.entries(builds)) {
    const dist = await build();
    cpSync(join(root, 'data/examples/discrete.json'), join(dist, 'discrete.json'));
    const { server, origin } = await serve(dist);
    const base = `${origin}/`;
    try {
      const { page, context, issues } = await open(browser, base, { allowed: (u) => u.startsWith(base) });
      await page.waitForSelector('body[data-level]', { timeout: 20000 }).catch(() => {});
      const got = await page.evaluate(() => ({ ...document.body.dataset }));
      const want = { level: String(expected.level), total: expected.total };
      if (got.level !== want.level || got.total !== want.total || !(Number(got.blank) > 0)) {
        issues.push(`page says ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
      const assets = readdirSync(dist, { recursive: true }).filter((f) => String(f).endsWith('.wasm'));
      if (assets.length !== 1) issues.push(`${assets.length} .wasm files emitted`);
      if (issues.length) failures.push(`${name}:\n  ${issues.join('\n  ')}`);
      else console.log(`${name}: ok (level ${got.level}, S = ${got.total}; ${assets[0]} emitted)`);
      await context.close();
    } finally {
      server.close();
    }
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
