import { isPublicAddress, privateTargetProblem, urlShapeProblem } from './url-policy.js';

describe('webhook URL policy', () => {
  it('accepts absolute http(s) URLs only, without credentials', () => {
    expect(urlShapeProblem('https://partner.example.com/hooks')).toBeNull();
    expect(urlShapeProblem('http://127.0.0.1:8080/x')).toBeNull();
    expect(urlShapeProblem('ftp://example.com')).toMatch(/http or https/);
    expect(urlShapeProblem('/relative')).toMatch(/absolute/);
    expect(urlShapeProblem('https://u:p@example.com')).toMatch(/credentials/);
  });

  it('tells public addresses from loopback, private, link-local and reserved ones', () => {
    for (const a of ['93.184.215.14', '8.8.8.8', '2606:4700::1111']) expect(isPublicAddress(a)).toBe(true);
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1', 'fec0::1', '2002:7f00:1::1', '2001:0:4136:e378::1', 'not-an-ip']) {
      expect({ a, public: isPublicAddress(a) }).toEqual({ a, public: false });
    }
  });

  it('checks what a live URL resolves to', async () => {
    expect(await privateTargetProblem('http://93.184.215.14/x')).toBeNull();
    expect(await privateTargetProblem('http://127.0.0.1/x')).toMatch(/public address/);
    expect(await privateTargetProblem('http://[::1]:3000/x')).toMatch(/public address/);
    expect(await privateTargetProblem('http://localhost/x')).toMatch(/public address/);
  });
});
