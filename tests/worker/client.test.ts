import { describe, expect, it } from 'vitest';
import { Cancelled, createWorkerClient } from '../../src/worker/client';
import type { FromWorker, ToWorker } from '../../src/worker/messages';

/** A stand-in for a Web Worker: records what it is sent, answers when told to, and knows if it was ended. */
class FakeWorker extends EventTarget {
  sent: ToWorker[] = [];
  terminated = false;
  postMessage(m: ToWorker) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: FromWorker) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createWorkerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { client, workers };
}

describe('#createWorkerClient', () => {
  it('should resolve each request with its own reply and pass progress on', async () => {
    const { client, workers } = setup();
    const progress: string[] = [];
    const a = client.call({ type: 'output', name: 'a' }, (p) => progress.push(p.step));
    const b = client.call({ type: 'output', name: 'b' });
    const [first, second] = workers[0]!.sent;
    workers[0]!.reply({ id: first!.id, progress: { file: 'x.csv', step: 'reading', fraction: 0.5 } });
    workers[0]!.reply({ id: second!.id, ok: true, reply: { type: 'output', chunks: ['B'] } });
    workers[0]!.reply({ id: first!.id, ok: true, reply: { type: 'output', chunks: ['A'] } });
    await expect(a).resolves.toEqual({ type: 'output', chunks: ['A'] });
    await expect(b).resolves.toEqual({ type: 'output', chunks: ['B'] });
    expect(progress).toEqual(['reading']);
    expect(workers).toHaveLength(1);
  });

  it('should reject with the worker error message', async () => {
    const { client, workers } = setup();
    const p = client.call({ type: 'output', name: 'x' });
    workers[0]!.reply({ id: workers[0]!.sent[0]!.id, ok: false, error: 'no export named x' });
    await expect(p).rejects.toThrow('no export named x');
  });

  it('should cancel by ending the worker, and start a fresh one for the next request', async () => {
    const { client, workers } = setup();
    const running = client.call({ type: 'output', name: 'slow' });
    client.cancel();
    await expect(running).rejects.toBeInstanceOf(Cancelled);
    expect(workers[0]!.terminated).toBe(true);
    const next = client.call({ type: 'output', name: 'next' });
    expect(workers).toHaveLength(2);
    workers[1]!.reply({ id: workers[1]!.sent[0]!.id, ok: true, reply: { type: 'output', chunks: ['ok'] } });
    await expect(next).resolves.toEqual({ type: 'output', chunks: ['ok'] });
    client.dispose();
    expect(workers[1]!.terminated).toBe(true);
  });
});
