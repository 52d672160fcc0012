import type { ReadStream } from 'node:tty';

/**
 * Reads a password: at a terminal, prompts on stderr and reads one line with echo off; otherwise
 * reads the first line of stdin (`printf '%s\n' "$PASSWORD" | tessera users add …`). Never from
 * the command line, where other users of the machine can see it.
 *
 * @example
 * const password = await readPassword(process.stdin, process.stderr, 'Password: ');
 */
export async function readPassword(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
  prompt: string,
): Promise<string> {
  if (stdin.isTTY) return readHidden(stdin, stderr, prompt);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(10)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
}

function readHidden(stdin: ReadStream, stderr: NodeJS.WriteStream, prompt: string): Promise<string> {
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let password = '';
    const done = (error: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      stderr.write('\n');
      if (error === null) resolve(password);
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          done(null);
          return;
        }
        // Ctrl-C and Ctrl-D end the prompt without a password.
        if (char === '\u0003' || char === '\u0004') {
          done(new TypeError('no password was entered'));
          return;
        }
        // Backspace removes the last code point (no grapheme logic: the input is not shown anyway).
        if (char === '\u007f' || char === '\b') password = Array.from(password).slice(0, -1).join('');
        else password += char;
      }
    };
    stdin.on('data', onData);
  });
}
