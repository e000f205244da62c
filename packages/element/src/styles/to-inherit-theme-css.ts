const DECLARATION = /(--shb-[\w-]+)\s*:\s*([^;]+);/g;
/** A colour literal: what `light-dark()` takes (a shadow or a length is not one). */
const COLOR = /^(#[0-9a-f]{3,8}|(?:rgb|rgba|hsl|hsla|oklch|oklab)\([^()]*\))$/i;

function tokensOf(block: string | undefined): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const [, name, value] of (block ?? '').matchAll(DECLARATION)) {
    if (name !== undefined && value !== undefined) tokens.set(name, value.trim());
  }
  return tokens;
}

/**
 * From the UI stylesheet's two palettes (`:root, [data-theme='light']` and
 * `[data-theme='dark']`), the tokens of `theme="inherit"`: every colour
 * that differs between them as `light-dark(light, dark)`, which the browser
 * resolves by the colour scheme the element inherits from its host (the
 * host's `color-scheme`: a light or dark mode it sets, or `light dark` for
 * the system's). One palette, written once, in the UI stylesheet.
 *
 * Behind `@supports`: a browser without `light-dark()` keeps the `auto`
 * tokens (`prefers-color-scheme`). Tokens that are not colours (the
 * popover's shadow) stay as `auto` has them.
 */
export function toInheritThemeCss(pageCss: string): string {
  const light = tokensOf(/:root,\s*\[data-theme=(['"]?)light\1\]\s*\{([^}]*)\}/.exec(pageCss)?.[2]);
  const dark = tokensOf(/^\[data-theme=(['"]?)dark\1\]\s*\{([^}]*)\}/m.exec(pageCss)?.[2]);
  const declarations: string[] = [];
  for (const [name, lightValue] of light) {
    const darkValue = dark.get(name);
    if (darkValue === undefined || darkValue === lightValue) continue;
    if (!COLOR.test(lightValue) || !COLOR.test(darkValue)) continue;
    declarations.push(`    ${name}: light-dark(${lightValue}, ${darkValue});`);
  }
  if (declarations.length === 0) {
    throw new Error('toInheritThemeCss: no light and dark palettes found in the UI stylesheet');
  }
  return [
    '@supports (color: light-dark(#000, #fff)) {',
    "  :host([theme='inherit' i]) {",
    ...declarations,
    '  }',
    '}',
  ].join('\n');
}
