/**
 * The command-line program: `node dist/thidua.js SUBCOMMAND …`, which `npm run etl|user|report|ops|
 * sample|sample:load` run (scripts/cli/commands.ts lists the subcommands). Built into dist/ by
 * scripts/build-node.mjs; nothing imports it.
 */
import { runProgram } from './commands';

runProgram(process.argv.slice(2)).then(
  // Let stdout drain (large exports) before leaving.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    console.error(`Lỗi: ${(err as Error)?.stack ?? err}`);
    process.exit(1);
  },
);
