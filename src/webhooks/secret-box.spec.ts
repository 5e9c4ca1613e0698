import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  it('round-trips, never stores the plain text, and refuses another key or a tampered box', () => {
    const box = new SecretBox('server-secret-'.padEnd(40, 'x'));
    const sealed = box.seal('whsec_abc');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(sealed); // fresh IV each time
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(() => new SecretBox('another-secret-'.padEnd(40, 'y')).open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });
});
