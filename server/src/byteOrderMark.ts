// Whether a file on disk starts with a UTF-8 byte order mark. Editors take the mark out of a document's text, but the
// AWS CLI rejects a JSON input file that has one: the language server and the client's create read it from the file.
import { open } from 'node:fs/promises';

/** True when the file's first bytes are EF BB BF; false when not, or when it cannot be read (not on disk yet). */
export async function fileStartsWithByteOrderMark(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(3);
      const { bytesRead } = await file.read(head, 0, 3, 0);
      return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}
