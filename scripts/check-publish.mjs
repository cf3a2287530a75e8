#!/usr/bin/env node
// The packages as an npm user meets them: packs every public package (`pnpm pack`, as
// `pnpm publish` would), checks each tarball, installs all of them together into a fresh
// project outside the repository (offline, from the pnpm store), compiles a consumer and
// every ```ts example of the READMEs with `tsc --strict`, bundles the isomorphic packages
// for a browser with esbuild, and imports every entry point in Node.
//
//   node scripts/check-publish.mjs [--keep]      (after `pnpm build`; prints each problem)
//
// A README block is compiled unless its fence says otherwise: "```ts fragment" marks a
// snippet that is not a whole program (it is listed, never compiled).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const keep = process.argv.includes('--keep');
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);
/** The engines range every package states (vite 7+ and @noble/hashes 2 need 20.19). */
const ENGINES = '>=20.19';
/** Entry points that use Node APIs; every other one must bundle for a browser. */
const NODE_ONLY = new Set(['@rtspkit/sample', '@rtspkit/server', '@rtspkit/cli', '@rtspkit/client/node']);

function run(command, args, options = {}) {
  const r = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
let entries = [];
const fragments = [];
let examples = 0;
const scratch = mkdtempSync(join(tmpdir(), 'rtspkit-publish-'));
const tarballs = join(scratch, 'tarballs');
mkdirSync(tarballs);

// 1. What each package.json says.
const packages = readdirSync(join(root, 'packages'))
  .map((name) => ({ dir: join(root, 'packages', name), file: join(root, 'packages', name, 'package.json') }))
  .filter((p) => existsSync(p.file))
  .map((p) => ({ ...p, json: readJson(p.file) }));
const publicPackages = packages.filter((p) => !p.json.private);
const rootJson = readJson(join(root, 'package.json'));
if (rootJson.engines?.node !== ENGINES)
  problem('package.json', `engines.node is ${rootJson.engines?.node}, want ${ENGINES}`);
if (!existsSync(join(root, 'LICENSE'))) problem('LICENSE', 'missing at the root');
const license = existsSync(join(root, 'LICENSE')) ? readFileSync(join(root, 'LICENSE'), 'utf8') : '';

/** `exports` without the in-repo source condition: what must be published. */
function withoutSource(exportsMap) {
  return Object.fromEntries(
    Object.entries(exportsMap).map(([k, v]) => {
      if (typeof v === 'string') return [k, v];
      const { '@rtspkit/source': _, ...rest } = v;
      return [k, rest];
    }),
  );
}

for (const { json, dir } of publicPackages) {
  const at = relative(root, join(dir, 'package.json'));
  if (json.type !== 'module') problem(at, 'type is not "module" (the packages are ESM only)');
  if (json.license !== 'MIT') problem(at, `license is ${json.license}, want MIT`);
  if (json.engines?.node !== ENGINES) problem(at, `engines.node is ${json.engines?.node}, want ${ENGINES}`);
  for (const field of ['description', 'repository', 'homepage', 'bugs', 'keywords']) {
    if (json[field] === undefined || (Array.isArray(json[field]) && json[field].length === 0))
      problem(at, `no ${field}`);
  }
  if (!json.scripts?.prepack) problem(at, 'no prepack script (a pack without dist/ must fail)');
  const exportsMap = json.exports ?? {};
  if (exportsMap['./package.json'] !== './package.json') problem(at, 'does not export ./package.json');
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (typeof target === 'string') continue;
    if ('source' in target)
      problem(at, `exports["${subpath}"] uses the generic "source" condition (use "@rtspkit/source")`);
    if (!target.default) problem(at, `exports["${subpath}"] has no "default" condition`);
    if (!target.types) problem(at, `exports["${subpath}"] has no "types" condition`);
  }
  const published = json.publishConfig?.exports;
  if (JSON.stringify(published) !== JSON.stringify(withoutSource(exportsMap))) {
    problem(at, 'publishConfig.exports is not exports without "@rtspkit/source" (keep them in step)');
  }
  if (!existsSync(join(dir, 'LICENSE')) || readFileSync(join(dir, 'LICENSE'), 'utf8') !== license) {
    problem(at, 'no LICENSE next to it identical to the root one (it goes into the tarball)');
  }
  const readme = existsSync(join(dir, 'README.md')) ? readFileSync(join(dir, 'README.md'), 'utf8') : '';
  if (!/ESM only/i.test(readme)) problem(relative(root, join(dir, 'README.md')), 'does not say "ESM only"');
  if (!readme.includes(ENGINES)) problem(relative(root, join(dir, 'README.md')), `does not state Node ${ENGINES}`);
}

// 2. Pack, as `pnpm publish` would (publishConfig applied, workspace: ranges replaced).
for (const { json, dir } of publicPackages) {
  const r = run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir, timeoutMs: 120_000 });
  if (!r.ok) problem(json.name, `pnpm pack failed:\n${r.out}`);
}
const packed = new Map();
for (const file of readdirSync(tarballs).filter((f) => f.endsWith('.tgz'))) {
  const unpacked = join(scratch, 'unpacked', file.replace(/\.tgz$/, ''));
  mkdirSync(unpacked, { recursive: true });
  const r = run('tar', ['-xzf', join(tarballs, file), '-C', unpacked]);
  if (!r.ok) problem(file, `tar failed: ${r.out}`);
  const pkgDir = join(unpacked, 'package');
  const json = readJson(join(pkgDir, 'package.json'));
  packed.set(json.name, join(tarballs, file));
  const text = readFileSync(join(pkgDir, 'package.json'), 'utf8');
  if (text.includes('@rtspkit/source')) problem(file, 'the packed package.json carries the @rtspkit/source condition');
  if (text.includes('workspace:')) problem(file, 'the packed package.json has workspace: ranges');
  for (const f of ['LICENSE', 'README.md', 'package.json']) if (!existsSync(join(pkgDir, f))) problem(file, `no ${f}`);
  if (existsSync(join(pkgDir, 'test'))) problem(file, 'ships its tests');
  for (const [subpath, target] of Object.entries(json.exports ?? {})) {
    for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
      if (!existsSync(join(pkgDir, path))) problem(file, `exports["${subpath}"] → ${path} is not in the tarball`);
    }
  }
}
for (const { json } of publicPackages) if (!packed.has(json.name)) problem(json.name, 'no tarball');

// 3. A fresh project outside the repository with every tarball installed together: their
// @rtspkit dependencies resolve to each other through overrides, their other dependencies
// (@noble/hashes) to tarballs of the copies installed in the repository, so nothing is
// fetched. Node's types come from the repository's @types/node (typeRoots).
const external = new Map();
for (const { json, dir } of publicPackages) {
  for (const dep of Object.keys(json.dependencies ?? {}).filter((d) => !d.startsWith('@rtspkit/'))) {
    if (external.has(dep)) continue;
    const installed = realpathSync(join(dir, 'node_modules', ...dep.split('/')));
    const stage = join(scratch, 'external', dep.replace('/', '+'));
    cpSync(installed, join(stage, 'package'), { recursive: true, dereference: true });
    const tgz = join(tarballs, `${dep.replace('@', '').replace('/', '-')}.tgz`);
    const r = run('tar', ['-czf', tgz, '-C', stage, 'package']);
    if (!r.ok) problem(dep, `could not pack the installed copy: ${r.out}`);
    external.set(dep, tgz);
  }
}
const consumer = join(scratch, 'consumer');
mkdirSync(join(consumer, 'readme'), { recursive: true });
const tarballDeps = Object.fromEntries([...packed].map(([name, path]) => [name, `file:${path}`]));
const overrides = {
  ...tarballDeps,
  ...Object.fromEntries([...external].map(([name, path]) => [name, `file:${path}`])),
};
writeFileSync(
  join(consumer, 'package.json'),
  `${JSON.stringify({ name: 'rtspkit-consumer', private: true, type: 'module', dependencies: tarballDeps, pnpm: { overrides } }, null, 2)}\n`,
);
const install = run('pnpm', ['install', '--offline', '--ignore-workspace'], { cwd: consumer, timeoutMs: 180_000 });
if (!install.ok) {
  problem('install', `pnpm install of the tarballs failed:\n${install.out}`);
  finish();
}

// 4. Compile: every entry point, and every README example, under --strict.
entries = [...packed.keys()].flatMap((name) => {
  const json = readJson(join(consumer, 'node_modules', ...name.split('/'), 'package.json'));
  // Assets (the player's demo page) are exported as plain paths; only modules are imported.
  const isModule = (target) => typeof target !== 'string' || /\.m?js$/.test(target);
  return Object.entries(json.exports ?? {})
    .filter(([s, target]) => s !== './package.json' && isModule(target))
    .map(([s]) => s)
    .map((s) => (s === '.' ? name : `${name}/${s.slice(2)}`));
});
writeFileSync(
  join(consumer, 'entries.ts'),
  `${entries.map((e, i) => `import * as m${i} from '${e}';`).join('\n')}\nexport const all = [${entries.map((_, i) => `m${i}`).join(', ')}];\n`,
);
for (const { json, dir } of packages) {
  const readmePath = join(dir, 'README.md');
  if (!existsSync(readmePath)) continue;
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(ts|typescript)\b(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    const where = `${relative(root, readmePath)}:${i + 1}`;
    if (/\bfragment\b/.test(fence[2])) fragments.push(where);
    else if (!json.private) {
      const file = join(consumer, 'readme', `${json.name.split('/')[1]}-${i + 1}.ts`);
      // One module per example; blank lines keep the README's line numbers.
      writeFileSync(file, `${'\n'.repeat(i + 1)}${lines.slice(i + 1, end).join('\n')}\nexport {};\n`);
      examples++;
    }
    i = end;
  }
}
writeFileSync(
  join(consumer, 'tsconfig.json'),
  `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        moduleDetection: 'force',
        strict: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
        skipLibCheck: false,
      },
      include: ['entries.ts', 'browser-apis.ts', 'readme/*.ts'],
    },
    null,
    2,
  )}\n`,
);
// Byte outputs meant for browser APIs must be accepted by them as typed (TS 5.7+ made
// Uint8Array generic; a Uint8Array<ArrayBufferLike> is not a BufferSource).
writeFileSync(
  join(consumer, 'browser-apis.ts'),
  `import { Fmp4Muxer, Fmp4Recorder, serializeInitSegment, type Track } from '@rtspkit/fmp4';
declare const track: Track;
declare const sourceBuffer: SourceBuffer;
sourceBuffer.appendBuffer(serializeInitSegment([track]));
const muxer = new Fmp4Muxer({ tracks: [track] });
for (const chunk of muxer.push(1, { pts: 0, key: true, data: new Uint8Array(1) })) sourceBuffer.appendBuffer(chunk);
const recorder = new Fmp4Recorder({ tracks: [track], keepChunks: true });
export const file = new Blob(recorder.finish().chunks, { type: 'video/mp4' });
`,
);
const tsc = run(bin('tsc'), ['-p', consumer], { timeoutMs: 180_000 });
if (!tsc.ok) {
  for (const line of tsc.out.split('\n').filter((l) => /error TS/.test(l))) {
    // readme/<pkg>-<fence line>.ts(line,col) → packages/<pkg>/README.md:line
    const m = /readme\/(.+)-\d+\.ts\((\d+),\d+\): (.*)$/.exec(line);
    if (m) problem(`packages/${m[1]}/README.md:${m[2]}`, `example does not compile: ${m[3]}`);
    else problem('tsc --strict', line);
  }
  if (!/error TS/.test(tsc.out)) problem('tsc --strict', tsc.out);
}

// 5. Bundle the isomorphic packages for a browser; import every entry point in Node.
const browserEntries = entries.filter((e) => !NODE_ONLY.has(e) && !NODE_ONLY.has(e.split('/').slice(0, 2).join('/')));
writeFileSync(
  join(consumer, 'browser.js'),
  browserEntries.map((e) => `export * as m${browserEntries.indexOf(e)} from '${e}';`).join('\n'),
);
const esbuild = run(
  bin('esbuild'),
  ['browser.js', '--bundle', '--platform=browser', '--format=esm', '--log-level=error', '--outfile=out/browser.js'],
  { cwd: consumer },
);
if (!esbuild.ok) problem('esbuild --platform=browser', esbuild.out);
// A package with a `bin` runs it on import: its commands are checked to be installed instead.
const withBin = [...packed.keys()].filter((name) => {
  const bin = readJson(join(consumer, 'node_modules', ...name.split('/'), 'package.json')).bin ?? {};
  for (const command of Object.keys(bin)) {
    if (!existsSync(join(consumer, 'node_modules', '.bin', command)))
      problem(name, `its bin ${command} is not installed`);
  }
  return Object.keys(bin).length > 0;
});
const libraries = entries.filter((e) => !withBin.some((name) => e === name || e.startsWith(`${name}/`)));
writeFileSync(
  join(consumer, 'node.mjs'),
  `${libraries.map((e) => `await import('${e}');`).join('\n')}\nconsole.log('imported ${libraries.length} entry points');\n`,
);
const node = run(process.execPath, ['node.mjs'], { cwd: consumer });
if (!node.ok) problem('node', `importing the entry points failed:\n${node.out}`);

finish();

/** Prints the summary and every problem, removes the scratch folder, and exits. */
function finish() {
  console.log(
    `${publicPackages.length} packages packed, ${entries.length} entry points, ${examples} README examples compiled` +
      (fragments.length ? `, ${fragments.length} marked as fragments (${fragments.join(', ')})` : ''),
  );
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
  for (const p of problems) console.log(`PROBLEM ${p}`);
  console.log(problems.length === 0 ? 'publish check passed' : `${problems.length} problems`);
  process.exit(problems.length === 0 ? 0 : 1);
}
