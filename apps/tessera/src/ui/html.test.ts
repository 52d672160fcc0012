import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, html } from './html.js';

test('every interpolation is escaped: text, attribute values, lists', () => {
  const email = '"><script>alert(1)</script>@example.com';
  const userAgent = "<img src=x onerror='alert(1)'> & co";
  // prettier-ignore
  const markup = html`<input value="${email}"><td>${userAgent}</td><ul>${['<b>', 'a&b'].map((item) => html`<li>${item}</li>`)}</ul>`;
  assert.equal(
    markup.toString(),
    '<input value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.com">' +
      '<td>&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; co</td>' +
      '<ul><li>&lt;b&gt;</li><li>a&amp;b</li></ul>',
  );
});

test('markup built by html is kept; nothing, false and null render as nothing', () => {
  const inner = html`<strong>${'x'}</strong>`;
  assert.equal(html`<p>${inner}${null}${undefined}${false}${0}</p>`.toString(), '<p><strong>x</strong>0</p>');
});

test('a plain string can never pass as markup', () => {
  const looksLikeMarkup = { toString: () => '<script>' } as unknown as string;
  assert.equal(html`${looksLikeMarkup}`.toString(), '&lt;script&gt;');
  assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
});
