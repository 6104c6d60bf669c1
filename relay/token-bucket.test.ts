import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

function clocked(perSecond: number, burst: number) {
  let ms = 0;
  const bucket = new TokenBucket(perSecond, burst, () => ms);
  const takeAll = (count: number) => Array.from({ length: count }, () => bucket.take());
  return { takeAll, wait: (delta: number) => (ms += delta) };
}

describe('TokenBucket', () => {
  it('allows a burst at once, then refuses', () => {
    const { takeAll } = clocked(10, 5);
    expect(takeAll(6)).toEqual([true, true, true, true, true, false]);
  });

  it('gives tokens back at the rate', () => {
    const { takeAll, wait } = clocked(10, 5);
    takeAll(5);
    wait(100);
    expect(takeAll(2)).toEqual([true, false]);
    wait(250);
    expect(takeAll(3)).toEqual([true, true, false]);
  });

  it('never holds more than the burst, however long it waits', () => {
    const { takeAll, wait } = clocked(10, 5);
    wait(60_000);
    expect(takeAll(6).filter(Boolean)).toHaveLength(5);
  });

  it('keeps a steady sender at the rate going', () => {
    const { takeAll, wait } = clocked(10, 1);
    for (let second = 0; second < 3; second++) {
      for (let i = 0; i < 10; i++) {
        expect(takeAll(1)).toEqual([true]);
        wait(100);
      }
    }
  });

  it('does not count refused events', () => {
    const { takeAll, wait } = clocked(1, 1);
    takeAll(1);
    takeAll(100);
    wait(1000);
    expect(takeAll(1)).toEqual([true]);
  });
});
