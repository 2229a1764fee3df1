/**
 * Runs one bench: `npm run bench -- NAME` imports bench/NAME.bench.ts and awaits its `run()`.
 * Without a name, or with an unknown one, lists the benches and exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Bench {
  run(): Promise<void>;
  description?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const suffix = '.bench.ts';
const available = fs
  .readdirSync(here)
  .filter((file) => file.endsWith(suffix))
  .map((file) => file.slice(0, -suffix.length))
  .sort();

async function list(): Promise<void> {
  console.error('usage: npm run bench -- NAME\n\nbenches:');
  for (const name of available) {
    const bench = (await import(pathToFileURL(path.join(here, `${name}${suffix}`)).href)) as Bench;
    console.error(`  ${name.padEnd(16)} ${bench.description ?? ''}`);
  }
}

const name = process.argv[2];
if (!name || !available.includes(name)) {
  if (name) console.error(`unknown bench "${name}"\n`);
  await list();
  process.exit(1);
}

const bench = (await import(pathToFileURL(path.join(here, `${name}${suffix}`)).href)) as Bench;
if (typeof bench.run !== 'function') {
  console.error(`bench/${name}${suffix} exports no run()`);
  process.exit(1);
}
try {
  await bench.run();
  process.exit(0);
} catch (error) {
  console.error(`\nbench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
