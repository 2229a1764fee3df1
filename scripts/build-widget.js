#!/usr/bin/env node
// Builds the embeddable chat widget (web/widget/widget.ts → web/dist/widget.js, one minified
// script, with .gz and .br beside it) and fails when it grows past its budget of 50 kB gzipped.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WIDGET_BUDGET_GZIP_BYTES = 50 * 1024;
export const widgetOutput = path.join(root, 'web', 'dist', 'widget.js');

/** Builds the widget; returns its gzipped size in bytes. */
export async function buildWidget() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'web', 'widget', 'widget.ts')],
    outfile: widgetOutput,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'error',
  });
  const data = fs.readFileSync(widgetOutput);
  const gz = zlib.gzipSync(data, { level: 9 });
  fs.writeFileSync(`${widgetOutput}.gz`, gz);
  fs.writeFileSync(`${widgetOutput}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  if (gz.length > WIDGET_BUDGET_GZIP_BYTES)
    throw new Error(`widget.js is ${gz.length} bytes gzipped, over its ${WIDGET_BUDGET_GZIP_BYTES}-byte budget`);
  return gz.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = await buildWidget();
  console.log(`widget: built web/dist/widget.js (${(size / 1024).toFixed(1)} kB gzipped)`);
}
