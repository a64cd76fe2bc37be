import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * One production server for all end-to-end files: build, a fresh DuckDB file loaded with the
 * sample data and the demo accounts, a read-only reference copy of it (the server holds the live
 * file), then `next start` on a free port.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    referenceDb: string;
    liveDb: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'ThiDua@2026';

let server: ChildProcess | undefined;
let workDir: string | undefined;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  execFileSync(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(url: string, timeoutMs: number) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-'));
  // Each run builds into its own directory, so parallel runs and `next dev` do not collide.
  const distDir = process.env.E2E_DIST_DIR ?? `.next-e2e-${process.pid}`;
  const liveDb = path.join(workDir, 'live.duckdb');
  const referenceDb = path.join(workDir, 'reference.duckdb');
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    THIDUA_DIST_DIR: distDir,
    THIDUA_DB: liveDb,
    THIDUA_UPLOAD_DIR: path.join(workDir, 'uploads'),
    THIDUA_BACKUP_DIR: path.join(workDir, 'backups'),
    // The tests play the reverse proxy (they send X-Forwarded-Proto: https), as a deployment
    // behind nginx on the same machine would list it.
    THIDUA_TRUSTED_PROXIES: '127.0.0.1',
  };

  if (!(process.env.E2E_SKIP_BUILD && fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID')))) {
    // next build appends its distDir to tsconfig.json's include; keep the committed file as it is.
    const tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'));
    try {
      run('npx', ['next', 'build'], env);
    } finally {
      fs.writeFileSync(path.join(ROOT, 'tsconfig.json'), tsconfig);
    }
  }
  run(process.execPath, ['dist/thidua.js', 'sample-load', '--db', liveDb], env);
  run(process.execPath, ['dist/thidua.js', 'user', 'demo'], env);
  fs.copyFileSync(liveDb, referenceDb);

  const port = await freePort();
  server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = fs.createWriteStream(path.join(workDir, 'server.log'));
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/dang-nhap`, 120_000);

  project.provide('baseUrl', baseUrl);
  project.provide('referenceDb', referenceDb);
  project.provide('liveDb', liveDb);

  return async () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    if (!process.env.E2E_DIST_DIR) fs.rmSync(path.join(ROOT, distDir), { recursive: true, force: true });
    if (process.env.E2E_KEEP) console.log(`e2e work dir kept: ${workDir}`);
    else fs.rmSync(workDir!, { recursive: true, force: true });
  };
}
