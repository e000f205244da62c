import uiCss from '@session-heartbeat/ui/styles.css?inline';
import { describe, expect, it } from 'vitest';
import { ELEMENT_CSS } from './adopt-styles';
import { toShadowCss } from './to-shadow-css';

describe('toShadowCss', () => {
  it('moves page-level tokens and themes onto the host', () => {
    const css = [
      ":root,\n[data-theme='light'] { --shb-bg: white; }",
      "@media (prefers-color-scheme: dark) { :root:not([data-theme='light']) { --shb-bg: black; } }",
      '[data-theme="dark"] { --shb-bg: black; }',
      ':root { --shb-radius: 10px; }',
      '.shb-root-like { color: red; }',
    ].join('\n');
    expect(toShadowCss(css)).toBe(
      [
        ":host,\n:host([theme='light' i]) { --shb-bg: white; }",
        "@media (prefers-color-scheme: dark) { :host(:not([theme='light' i])) { --shb-bg: black; } }",
        ":host([theme='dark' i]) { --shb-bg: black; }",
        ':host { --shb-radius: 10px; }',
        '.shb-root-like { color: red; }',
      ].join('\n'),
    );
  });

  it('leaves nothing of the UI stylesheet that only matches in a page', () => {
    expect(uiCss).toContain('--shb-bg');
    const shadowCss = toShadowCss(uiCss).replace(/\/\*[\s\S]*?\*\//g, ''); // comments may say anything
    expect(shadowCss).not.toMatch(/:root|data-theme/);
    expect(shadowCss).toContain(":host([theme='dark' i])");
    expect(ELEMENT_CSS).toContain('.shb-element');
  });
});
