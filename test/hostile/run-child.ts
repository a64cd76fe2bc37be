import { spawn } from 'node:child_process';
import type { CaseReport } from './run-cases';

export type { CaseReport };

export interface RunOutcome {
  reports: CaseReport[];
  /** The case that was running when the child died or timed out, if any. */
  unfinished: string | null;
  readyRssMB: number;
  stderr: string;
}

/** Runs test/hostile/run-cases.ts in a child (node --import tsx) with a wall-clock bound. */
export function runCases(manifest: string, db: string, units: string, timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/hostile/run-cases.ts', manifest, db, units], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reports: CaseReport[] = [];
    let current: string | null = null;
    let readyRssMB = 0;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line.startsWith('ready ')) readyRssMB = Number(line.slice(6));
        else if (line.startsWith('start ')) current = line.slice(6);
        else if (line.startsWith('{')) {
          reports.push(JSON.parse(line) as CaseReport);
          current = null;
        }
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ reports, unfinished: current, readyRssMB, stderr: stderr.slice(-3000) });
    });
  });
}

/** A message a person can act on: Vietnamese, no stack trace or engine words. */
export function isClearVietnamese(message: string): boolean {
  // The user's own values are quoted («…» or "…"); only the pipeline's words are checked.
  const own = message.replace(/«[^»]*»/g, '«»').replace(/"[^"]*"/g, '""');
  return (
    message.trim().length > 20 &&
    /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(message) &&
    !/\b(undefined|NaN|TypeError|RangeError|SyntaxError|Error:|\[object|stack)\b|\n\s+at /.test(own) &&
    message === message.normalize('NFC')
  );
}
