import { spawnSync } from 'node:child_process';

/**
 * tmpfs mounts for the disk-full and read-only tests: as root directly, else through
 * passwordless sudo. Returns false when neither is possible (the tests then simulate).
 */
function privileged(args: string[]): boolean {
  const asRoot = process.getuid?.() === 0;
  const r = asRoot ? spawnSync(args[0], args.slice(1), { encoding: 'utf8' }) : spawnSync('sudo', ['-n', ...args], { encoding: 'utf8' });
  return r.status === 0;
}

export function mountTmpfs(dir: string, size: string): boolean {
  return privileged(['mount', '-t', 'tmpfs', '-o', `size=${size},mode=1777`, 'tmpfs', dir]);
}

export function remount(dir: string, mode: 'ro' | 'rw'): boolean {
  return privileged(['mount', '-o', `remount,${mode}`, dir]);
}

export function unmount(dir: string): boolean {
  return privileged(['umount', '-l', dir]);
}
