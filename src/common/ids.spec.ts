import { idPattern, isId, newId } from './ids.js';

describe('ids', () => {
  it('are prefixed ULIDs that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, () => newId('scr'));
    for (const id of ids) expect(id).toMatch(idPattern('scr'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('recognise their own prefix only', () => {
    const id = newId('ten');
    expect(isId(id, 'ten')).toBe(true);
    expect(isId(id, 'key')).toBe(false);
    expect(isId(`${id}x`, 'ten')).toBe(false);
  });

  it('use every character of the alphabet in the random part', () => {
    const chars = new Set(Array.from({ length: 2_000 }, () => newId('evt').slice(14)).join(''));
    expect(chars.size).toBe(32);
  });
});
