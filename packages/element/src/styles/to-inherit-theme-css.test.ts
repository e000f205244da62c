import uiCss from '@session-heartbeat/ui/styles.css?inline';
import { describe, expect, it } from 'vitest';
import { toInheritThemeCss } from './to-inherit-theme-css';

describe('toInheritThemeCss', () => {
  it('pairs each colour of the light and dark palettes in light-dark(), on the inherit host', () => {
    const css = [
      ":root,\n[data-theme='light'] {\n  --shb-bg: #ffffff;\n  --shb-text: rgb(1 2 3);",
      '  --shb-shadow: 0 1px 2px rgb(0 0 0 / 0.1);\n  --shb-same: #111111;\n}',
      "@media (prefers-color-scheme: dark) { :root:not([data-theme='light']) { --shb-bg: #000000; } }",
      "[data-theme='dark'] {\n  --shb-bg: #121214;\n  --shb-text: rgb(4 5 6);",
      '  --shb-shadow: 0 1px 2px rgb(0 0 0 / 0.5);\n  --shb-same: #111111;\n}',
    ].join('\n');
    expect(toInheritThemeCss(css)).toBe(
      [
        '@supports (color: light-dark(#000, #fff)) {',
        "  :host([theme='inherit' i]) {",
        '    --shb-bg: light-dark(#ffffff, #121214);',
        '    --shb-text: light-dark(rgb(1 2 3), rgb(4 5 6));',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('reads the palettes minified, as the bundle holds them', () => {
    const css =
      ':root,[data-theme=light]{--shb-bg:#fff;--shb-text:#18181b}' +
      '@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--shb-bg:#000}}' +
      '[data-theme=dark]{--shb-bg:#121214;--shb-text:#f4f4f5}';
    expect(toInheritThemeCss(css)).toContain('--shb-bg: light-dark(#fff, #121214);');
    expect(toInheritThemeCss(css)).toContain('--shb-text: light-dark(#18181b, #f4f4f5);');
  });

  it('covers every colour token of the UI stylesheet that changes between light and dark', () => {
    const css = toInheritThemeCss(uiCss);
    for (const token of [
      '--shb-bg',
      '--shb-text',
      '--shb-accent',
      '--shb-stalled',
      '--shb-active-text',
    ])
      expect(css).toContain(`${token}: light-dark(`);
    expect(css).not.toContain('--shb-shadow-popover');
  });

  it('fails loudly if the UI stylesheet stops declaring its palettes as it does', () => {
    expect(() => toInheritThemeCss('.shb-list { color: red; }')).toThrow(/no light and dark/);
  });
});
