import { describe, expect, it } from 'vitest';
import { ClockDrift, HybridClock, MAX_DRIFT_MS, parseHlc } from './hlc';

const T = Date.UTC(2026, 2, 1, 9);

describe('hybrid logical clock', () => {
  it('gives readings that sort as strings in the order they were made', () => {
    const clock = new HybridClock('laptop');
    const readings = [clock.send(T), clock.send(T), clock.send(T - 1000), clock.send(T + 1)];
    expect([...readings].sort()).toEqual(readings);
    expect(parseHlc(readings[1])).toEqual({ millis: T, counter: 1, device: 'laptop' });
  });

  it('moves past what it receives, so a reply sorts after what it answers', () => {
    const phone = new HybridClock('phone');
    const remote = new HybridClock('laptop').send(T + 60_000);
    phone.receive(remote, T);
    expect(phone.send(T) > remote).toBe(true);
  });

  it('refuses a reading too far ahead of the local clock (drift guard)', () => {
    const far = new HybridClock('liar').send(T + MAX_DRIFT_MS + 1);
    expect(() => new HybridClock('phone').receive(far, T)).toThrow(ClockDrift);
  });
});
