import { windowCounts } from './velocity.service.js';

describe('velocity windows', () => {
  const now = 1_000 * 3_600 + 1_800; // half way through hour 1000
  const hour = 1_000;
  const day = Math.floor(now / 86_400);

  it('sums the sliding windows from hourly and daily buckets', () => {
    const { counts, stale } = windowCounts({ [`h${hour}`]: '3', [`h${hour - 1}`]: '4', [`h${hour - 23}`]: '1', [`d${day}`]: '8', [`d${day - 29}`]: '2' }, now);
    expect(counts).toEqual({ lastHour: 3 + 2, lastDay: 8, last30Days: 10 });
    expect(stale).toEqual([]);
  });

  it('names buckets older than every window, and does not count them', () => {
    const { counts, stale } = windowCounts({ [`h${hour - 24}`]: '5', [`d${day - 30}`]: '7', [`h${hour}`]: '1', [`d${day}`]: '1' }, now);
    expect(counts).toEqual({ lastHour: 1, lastDay: 1, last30Days: 1 });
    expect(stale.sort()).toEqual([`d${day - 30}`, `h${hour - 24}`].sort());
  });
});
