#!/usr/bin/env node
// Builds the web app (web/ → web/dist) with Vite, but only when a source is newer than the last
// build, so `npm start` stays fast. Prints one line either way. `--force` always builds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { buildWidget, widgetOutput } from './build-widget.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (file) => path.relative(root, file) || '.';
const output = path.join(root, 'web', 'dist', 'index.html');
const sources = [
  path.join(root, 'web', 'src'),
  path.join(root, 'web', 'public'),
  path.join(root, 'web', 'index.html'),
  path.join(root, 'vite.config.ts'),
  path.join(root, 'web', 'widget'),
];

/** The newest modification time under `target` (a file or a directory), or 0 if it does not exist. */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows up as a newer directory
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function staleReason() {
  if (process.argv.includes('--force')) return 'forced';
  if (!fs.existsSync(output)) return `${rel(output)} is missing`;
  if (!fs.existsSync(widgetOutput)) return `${rel(widgetOutput)} is missing`;
  const built = fs.statSync(output).mtimeMs;
  for (const source of sources) {
    if (newestMtime(source) > built) return `${rel(source)} changed`;
  }
  return null;
}

const reason = staleReason();
if (!reason) {
  console.log('web: up to date (web/dist)');
  process.exit(0);
}

let vite;
try {
  vite = await import('vite');
} catch {
  console.error(`web: cannot build (${reason}): Vite is not installed; run \`npm install\` (dev dependencies included).`);
  process.exit(1);
}

const started = Date.now();
try {
  await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'error' });
} catch (error) {
  console.error(`web: build failed (${reason}): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// The embeddable chat widget: its own small bundle (scripts/build-widget.js), checked against its size budget.
try {
  await buildWidget();
} catch (error) {
  console.error(`web: widget build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// Compressed copies beside the assets, served as they are to browsers that accept them (no work per request).
const assetsDir = path.join(root, 'web', 'dist', 'assets');
for (const name of fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir) : []) {
  if (!/\.(js|css|svg|json|html|txt|map)$/.test(name)) continue;
  const file = path.join(assetsDir, name);
  const data = fs.readFileSync(file);
  if (data.length < 1024) continue;
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
}
// Date the output at the start of the build: a source edited while Vite ran is then seen as newer next time.
fs.utimesSync(output, new Date(started), new Date(started));
console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)}s (${reason})`);
