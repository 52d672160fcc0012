import { toString as renderQrCode } from 'qrcode';

/**
 * The QR code of an `otpauth://` URI as an SVG document, drawn on the server so the enrolment page
 * needs no script and no third party (decision 0002). Black on white with a quiet zone, as phone
 * cameras expect; no `style` attributes, so it fits a strict Content-Security-Policy.
 *
 * @example
 * const svg = await renderTotpQrCodeSvg(enrolment.otpauthUrl);
 * const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
 */
export function renderTotpQrCodeSvg(otpauthUrl: string): Promise<string> {
  if (!otpauthUrl.startsWith('otpauth://')) throw new TypeError('Expected an otpauth:// URI.');
  // Error correction M: survives a glare or a smudge on a screen; the URI stays well inside version 10.
  return renderQrCode(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
