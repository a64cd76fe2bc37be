/**
 * Builds the Node programs ahead of time into dist/ (plain JavaScript, so Node starts them
 * without compiling TypeScript on each run): the command-line program and the worker thread that
 * parses uploaded files. Run by `npm ci` (prepare), before `next build` and before the tests.
 *
 *   node scripts/build-node.mjs            build
 *   node scripts/build-node.mjs --if-stale build only when a source is newer than dist/
 *
 * Packages stay external (resolved from node_modules at run time); `@/` imports follow tsconfig.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist');
const META = path.join(OUT, 'meta.json');

/** Every program built: source → dist/<name>.js. */
export const ENTRIES = [
  { name: 'read-worker', source: 'etl/read/worker.ts' },
  // The command-line program: `node dist/thidua.js etl|user|report|ops|sample|sample-load …`.
  { name: 'thidua', source: 'scripts/cli/thidua.ts' },
];

/**
 * `import.meta.dirname` in a source means its own folder: rewritten to that folder as seen from
 * the repository root, which is the folder above dist/ — found from the bundle file's own URL,
 * since code loaded with import() runs from dist/chunks/ — so paths such as data/sample stay
 * right in the bundle.
 */
const sourceDirPlugin = {
  name: 'source-dirname',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      let contents = await fs.promises.readFile(args.path, 'utf8');
      if (contents.includes('import.meta.dirname')) {
        const rel = path.relative(ROOT, path.dirname(args.path)).split(path.sep).join('/');
        const outDir = JSON.stringify(`/${path.basename(OUT)}/`);
        const root = `import.meta.url.slice(0, import.meta.url.lastIndexOf(${outDir}) + 1)`;
        contents =
          `import { fileURLToPath as __srcPath } from 'node:url';\n` +
          contents.replaceAll('import.meta.dirname', `__srcPath(new URL(${JSON.stringify(rel + '/')}, ${root})).replace(/[\\\\/]$/, '')`);
      }
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

export async function build() {
  const esbuild = await import('esbuild');
  fs.rmSync(OUT, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e.name, e.source])),
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Code loaded with import() goes into its own chunk, with the packages it needs: a command
    // does not load the spreadsheet or Arrow writers unless it uses them.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceDirPlugin],
  });
  fs.writeFileSync(META, JSON.stringify({ entries: ENTRIES, inputs: Object.keys(result.metafile.inputs) }));
}

/** True when dist/ is missing an entry or any source it was built from changed since. */
export function isStale() {
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(META, 'utf8'));
  } catch {
    return true;
  }
  if (JSON.stringify(meta.entries) !== JSON.stringify(ENTRIES)) return true;
  let built = Infinity;
  for (const e of ENTRIES) {
    try {
      built = Math.min(built, fs.statSync(path.join(OUT, `${e.name}.js`)).mtimeMs);
    } catch {
      return true;
    }
  }
  for (const input of meta.inputs) {
    try {
      if (fs.statSync(path.join(ROOT, input)).mtimeMs > built) return true;
    } catch {
      return true; // a source was removed or renamed
    }
  }
  return false;
}

export async function buildIfStale() {
  if (isStale()) await build();
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const run = process.argv.includes('--if-stale') ? buildIfStale : build;
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
