/** Progress and diagnostics go to stderr, results to stdout, so `--json` output can be piped as is. */
export interface Output {
  progress(line: string): void;
  result(text: string): void;
}

export const processOutput: Output = {
  progress: (line) => void process.stderr.write(`${line}\n`),
  result: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
};
