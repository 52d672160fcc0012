import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTotpQrCodeSvg } from './render-totp-qr-code.js';

const URI =
  'otpauth://totp/auth.example.com:ada%40example.com?issuer=auth.example.com&secret=JBSWY3DPEHPK3PXP';

describe('renderTotpQrCodeSvg', () => {
  it('draws one SVG document without style attributes or scripts (a strict CSP shows it as an image)', async () => {
    const svg = await renderTotpQrCodeSvg(URI);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*viewBox="0 0 (\d+) \1"/);
    assert.match(svg, /<\/svg>\s*$/);
    assert.doesNotMatch(svg, /style|<script|href=/i);
    assert.ok(!svg.includes('JBSWY3DPEHPK3PXP'), 'the secret is in the modules, not in the markup as text');
  });

  it('depends on the URI: another secret, another picture; the same URI, the same picture', async () => {
    const other = URI.replace('JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU');
    assert.equal(await renderTotpQrCodeSvg(URI), await renderTotpQrCodeSvg(URI));
    assert.notEqual(await renderTotpQrCodeSvg(URI), await renderTotpQrCodeSvg(other));
  });

  it('refuses anything but an otpauth:// URI with a TypeError (a caller bug)', () => {
    for (const bad of ['', 'https://example.com/', 'JBSWY3DPEHPK3PXP']) {
      assert.throws(() => renderTotpQrCodeSvg(bad), TypeError);
    }
  });
});
