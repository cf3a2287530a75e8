import { COMMANDS, type CommandModule, type CommandName, isCommand } from './command.js';

/** How each command's module is loaded (only when asked for); a command without one is not built yet. */
const LOADERS: Partial<Record<CommandName, () => Promise<CommandModule>>> = {
  serve: () => import('./commands/serve.js'),
  probe: () => import('./commands/probe.js'),
  record: () => import('./commands/record.js'),
  publish: () => import('./commands/publish.js'),
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(width)}  ${what}`);
  return `usage: rtspkit <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nrtspkit <command> --help shows a command's options.\n`;
}

/**
 * Runs `rtspkit <command> …` with `argv` (the arguments after the program name) and
 * resolves with the exit code. Each command lives in `commands/<name>.ts` and is loaded
 * only when asked for.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (!isCommand(name)) {
    process.stderr.write(`rtspkit: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  const load = LOADERS[name];
  if (load === undefined) {
    process.stderr.write(`rtspkit: the ${name} command is not part of this build\n`);
    return 2;
  }
  return (await load()).run(args);
}
