/**
 * Vitest global setup: the worker thread that parses files and the CLIs the tests spawn run from
 * dist/ (built JavaScript). Rebuilt here when missing or older than any of its sources, so a
 * test never runs a stale build.
 */
// @ts-expect-error plain JavaScript build script without type declarations
import { buildIfStale } from '../scripts/build-node.mjs';

export default async function setup(): Promise<void> {
  await buildIfStale();
}
