// File I/O for the CLI: the first bytes for detection, streaming the rest, hashing, writing outputs.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileIngestor } from '../ingest/ingest';
import { appError } from '../lib/errors';

export async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The size of the files together; a path that is not a file counts nothing. */
export async function totalBytes(paths: string[]): Promise<number> {
  const sizes = await Promise.all(
    paths.map((p) =>
      stat(p).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Hashes a file and, given an ingestor, streams it through; the file is never held whole in memory. */
export async function streamFile(path: string, ingestor?: FileIngestor): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const data = chunk as Buffer;
    hash.update(data);
    bytes += data.length;
    ingestor?.push(data);
  }
  return { sha256: hash.digest('hex'), bytes };
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Makes the output folder, or says why it cannot be made (an AppError, not a crash). */
export function outputFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw appError('output', `cannot make the output folder ${dir}: ${(e as Error).message}`);
  }
}

/** Enough for a few of TextChunks' chunks at a time. */
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Writes files as `make` hands over their chunks (file after file, each chunk in order), keeping none of them:
 * a city's exports are written without being held. Each is written under a `.partial` name and renamed when
 * all are made, so that a failure leaves the folder as it was, with no half-written export to be mistaken for
 * a whole one. Returns the names written, in order. A file that cannot be written is an AppError naming it.
 */
export function writeStreamed(dir: string, make: (emit: (name: string, chunk: string) => void) => void): string[] {
  outputFolder(dir);
  const opened = new Map<string, number>();
  const partial = (name: string) => join(dir, `${name}.partial`);
  const cannot = (path: string, e: unknown) => appError('output', `cannot write ${path}: ${(e as Error).message}`);
  // Chunks are encoded into one buffer, used again and again, and written when it fills or the file changes: a
  // new buffer per chunk would be fresh memory, dear on this kind of machine (see TextChunks).
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  let into: string | null = null;
  const write = (bytes: Uint8Array) => {
    const fd = opened.get(into!)!;
    try {
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    } catch (e) {
      throw cannot(partial(into!), e);
    }
  };
  const flush = () => {
    if (used > 0) write(buffer.subarray(0, used));
    used = 0;
  };
  try {
    make((name, chunk) => {
      if (name !== into) {
        flush();
        into = name;
        if (!opened.has(name))
          try {
            opened.set(name, openSync(partial(name), 'w'));
          } catch (e) {
            throw cannot(partial(name), e);
          }
      }
      // A UTF-16 code unit is at most three bytes of UTF-8.
      if (used + 3 * chunk.length > buffer.length) flush();
      if (3 * chunk.length > buffer.length) write(Buffer.from(chunk, 'utf8'));
      else used += buffer.write(chunk, used, 'utf8');
    });
    flush();
  } catch (e) {
    for (const [name, fd] of opened) {
      closeSync(fd);
      unlinkSync(partial(name));
    }
    throw e;
  }
  for (const [name, fd] of opened) {
    closeSync(fd);
    try {
      renameSync(partial(name), join(dir, name));
    } catch (e) {
      throw cannot(join(dir, name), e);
    }
  }
  return [...opened.keys()];
}
