/**
 * What web/dist holds: the scripts and style sheets web/dist/index.html loads before the first
 * screen, every chunk, their sizes as files and gzipped (node:zlib, level 9, each file on its own
 * as a server would send it).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const GZIP_LEVEL = 9;

export interface FileSize {
  /** The URL path, e.g. /assets/index-abc.js */
  url: string;
  raw: number;
  gzip: number;
}

export interface SizeTotal {
  files: number;
  raw: number;
  gzip: number;
}

export interface DistAnalysis {
  distDir: string;
  indexHtml: string;
  entry: FileSize;
  modulepreloads: FileSize[];
  /** Entry + modulepreloads: what loads before the first screen can render. */
  initialJs: SizeTotal;
  initialCss: SizeTotal & { urls: string[] };
  allJs: SizeTotal;
  allCss: SizeTotal;
  /** Chunks the entry imports statically (transitively) that index.html does not preload: should be none. */
  staticImportsNotPreloaded: string[];
}

const cache = new Map<string, FileSize>();

/** Size of a file of web/dist by URL path; undefined when it is not there (a rebuild replaced it). */
export function fileSize(distDir: string, url: string): FileSize | undefined {
  const key = `${distDir}\0${url}`;
  const known = cache.get(key);
  if (known) return known;
  const file = path.join(distDir, decodeURIComponent(url.split('?')[0] ?? ''));
  if (!file.startsWith(distDir) || !fs.existsSync(file)) return undefined;
  const bytes = fs.readFileSync(file);
  const size = { url, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: GZIP_LEVEL }).length };
  cache.set(key, size);
  return size;
}

export function total(sizes: FileSize[]): SizeTotal {
  return { files: sizes.length, raw: sizes.reduce((a, s) => a + s.raw, 0), gzip: sizes.reduce((a, s) => a + s.gzip, 0) };
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
    const name = (match[1] ?? '').toLowerCase();
    const value = match[2] ?? '';
    attrs[name] = value.replace(/^["']|["']$/g, '');
  }
  return attrs;
}

/** The chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import("./x.js")`. */
function staticImports(distDir: string, url: string): string[] {
  const file = path.join(distDir, url);
  const text = fs.readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    found.add(path.posix.join(path.posix.dirname(url), match[1] as string));
  }
  return [...found];
}

export function analyseDist(distDir: string): DistAnalysis {
  const indexHtml = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  let entryUrl: string | undefined;
  const preloadUrls: string[] = [];
  const cssUrls: string[] = [];
  for (const match of indexHtml.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const kind = (match[1] ?? '').toLowerCase();
    const attrs = attributes(match[2] ?? '');
    if (kind === 'script' && attrs.type === 'module' && attrs.src) {
      if (entryUrl) throw new Error(`web/dist/index.html has more than one module script (${entryUrl}, ${attrs.src})`);
      entryUrl = attrs.src;
    }
    if (kind === 'link' && attrs.href && attrs.rel?.split(/\s+/).includes('modulepreload')) preloadUrls.push(attrs.href);
    if (kind === 'link' && attrs.href && attrs.rel?.split(/\s+/).includes('stylesheet')) cssUrls.push(attrs.href);
  }
  if (!entryUrl) throw new Error('web/dist/index.html has no <script type="module" src=…>');
  const need = (url: string) => {
    const size = fileSize(distDir, url);
    if (!size) throw new Error(`web/dist/index.html refers to ${url}, which is not in web/dist`);
    return size;
  };
  const entry = need(entryUrl);
  const modulepreloads = preloadUrls.map(need);

  const closure = new Set<string>([entryUrl]);
  const queue = [entryUrl];
  while (queue.length) {
    for (const imported of staticImports(distDir, queue.pop() as string)) {
      if (!closure.has(imported)) {
        closure.add(imported);
        queue.push(imported);
      }
    }
  }
  const preloaded = new Set([entryUrl, ...preloadUrls]);
  const staticImportsNotPreloaded = [...closure].filter((url) => !preloaded.has(url));

  const assets = fs.readdirSync(path.join(distDir, 'assets'));
  const all = (ext: string) => total(assets.filter((name) => name.endsWith(ext)).map((name) => need(`/assets/${name}`)));
  return {
    distDir,
    indexHtml,
    entry,
    modulepreloads,
    initialJs: total([entry, ...modulepreloads]),
    initialCss: { ...total(cssUrls.map(need)), urls: cssUrls },
    allJs: all('.js'),
    allCss: all('.css'),
    staticImportsNotPreloaded,
  };
}
