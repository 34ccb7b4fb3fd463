import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeStreamed } from '../../src/cli/files';
import { tempDir } from '../helpers';

describe('#writeStreamed', () => {
  it('should write each file from its chunks in order, and name the files in the order they began', () => {
    const dir = join(tempDir('unravel-stream-'), 'out');
    const names = writeStreamed(dir, (emit) => {
      emit('a.csv', 'id,name\r\n');
      emit('a.csv', '1,Ţurcanu\r\n');
      emit('b.json', '{"x":1}\n');
    });
    expect(names).toEqual(['a.csv', 'b.json']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('id,name\r\n1,Ţurcanu\r\n');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('{"x":1}\n');
  });

  it('should write every byte through its buffer: many chunks, chunks larger than it, files taken up again', () => {
    // Many small chunks fill the buffer again and again; a chunk of 700,000 characters, three bytes each in
    // UTF-8, does not fit it and goes out on its own; a file taken up again after another goes on where it was.
    const dir = join(tempDir('unravel-stream-'), 'out');
    const small = Array.from({ length: 30_000 }, (_, i) => `${i},Ţurcanu ${'€'.repeat(i % 40)}\r\n`);
    const large = '€'.repeat(700_000);
    writeStreamed(dir, (emit) => {
      for (const chunk of small.slice(0, 20_000)) emit('a.csv', chunk);
      emit('b.txt', large);
      emit('b.txt', 'end\n');
      for (const chunk of small.slice(20_000)) emit('a.csv', chunk);
    });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(small.join(''));
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe(`${large}end\n`);
  });

  it('should leave the folder as it was when making the exports fails, with no half-written file', () => {
    const dir = tempDir('unravel-stream-');
    writeFileSync(join(dir, 'a.csv'), 'an earlier run\r\n');
    expect(() =>
      writeStreamed(dir, (emit) => {
        emit('a.csv', 'id\r\n');
        emit('b.csv', 'id\r\n');
        throw new Error('failed while making b.csv');
      }),
    ).toThrow('failed while making b.csv');
    expect(readdirSync(dir)).toEqual(['a.csv']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('an earlier run\r\n');
  });

  it('should say which folder or file it cannot write, as an error of its own, not a crash', () => {
    const dir = tempDir('unravel-stream-');
    writeFileSync(join(dir, 'a-file'), 'not a folder\n');
    expect(() => writeStreamed(join(dir, 'a-file', 'out'), () => {})).toThrow(
      /^output: cannot make the output folder .*a-file\/out: ENOTDIR/,
    );
    expect(() => writeStreamed(dir, (emit) => emit('no-such-folder/a.csv', 'id\r\n'))).toThrow(
      /^output: cannot write .*no-such-folder\/a\.csv\.partial: ENOENT/,
    );
    expect(readdirSync(dir)).toEqual(['a-file']);
  });
});
