const THEME = String.raw`\[data-theme=(['"]?)(light|dark)\1\]`;

/**
 * Rewrites the UI stylesheet (written for a page) for a shadow root, where
 * `:root` matches nothing and the theme is the host's `theme` attribute:
 *
 * - `:root:not([data-theme='light'])` → `:host(:not([theme='light' i]))`
 * - `:root` → `:host`
 * - `[data-theme='dark']` → `:host([theme='dark' i])` (and `light`)
 *
 * (`i`: `theme="Dark"` is dark, as the element reads it.)
 *
 * So the design tokens (`--shb-*`) are declared on the host element, where
 * a page's own declarations for the element (`session-heartbeat-list {
 * --shb-accent: … }`) win over them and inherit into the shadow tree.
 */
export function toShadowCss(pageCss: string): string {
  return pageCss
    .replace(new RegExp(String.raw`:root:not\(${THEME}\)`, 'g'), ":host(:not([theme='$2' i]))")
    .replace(/:root\b/g, ':host')
    .replace(new RegExp(THEME, 'g'), ":host([theme='$2' i])");
}
