/**
 * What every `src/commands/<name>.ts` module exports: `run`, which gets the arguments after
 * the command name and resolves with the process exit code (it may also keep running until
 * a signal, like `serve`).
 */
export type CommandModule = {
  run(args: readonly string[]): Promise<number>;
};

/** The commands `rtspkit` dispatches, with the one-line help each shows. */
export const COMMANDS = {
  serve: 'serve files, or the bundled sample, over RTSP (UDP, TCP) on one port',
  probe: 'show the tracks, codecs, rates and transport of an RTSP URL',
  record: 'record an RTSP URL to a fragmented MP4 file',
  publish: 'publish a file to an RTSP server (ANNOUNCE/RECORD)',
} as const;

export type CommandName = keyof typeof COMMANDS;

/** True when `name` is one of {@link COMMANDS}. */
export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
