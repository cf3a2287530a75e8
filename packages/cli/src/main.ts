import { COMMANDS, type CommandModule, isCommand } from './command.js';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(width)}  ${what}`);
  return `usage: rtspkit <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nrtspkit <command> --help shows a command's options.\n`;
}

/**
 * Runs `rtspkit <command> …` with `argv` (the arguments after the program name) and
 * resolves with the exit code. Each command lives in `commands/<name>.js` and is loaded
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
  let command: CommandModule;
  try {
    command = (await import(`./commands/${name}.js`)) as CommandModule;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw e;
    process.stderr.write(`rtspkit: the ${name} command is not part of this build\n`);
    return 2;
  }
  return command.run(args);
}
