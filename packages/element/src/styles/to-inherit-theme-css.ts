// The stylesheet arrives as written in tests and minified in the bundle
// (`[data-theme=dark]{…;--shb-x:#fff}`): quotes, spaces and the last `;` are optional.
const LIGHT_BLOCK = /:root,\s*\[data-theme=(['"]?)light\1\]\s*\{([^}]*)\}/;
const DARK_BLOCK = /(?:^|[\s}])\[data-theme=(['"]?)dark\1\]\s*\{([^}]*)\}/;
const DECLARATION = /(--shb-[\w-]+)\s*:\s*([^;]+)(?:;|$)/g;
/** A colour: what `light-dark()` takes (a shadow or a length is not one). */
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|(?:rgb|rgba|hsl|hsla|oklch|oklab)\([^()]*\))$/i;

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
  const light = tokensOf(LIGHT_BLOCK.exec(pageCss)?.[2]);
  const dark = tokensOf(DARK_BLOCK.exec(pageCss)?.[2]);
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
