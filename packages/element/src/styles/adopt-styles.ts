import uiCss from '@session-heartbeat/ui/styles.css?inline';
import elementCss from './element.css?inline';
import { toInheritThemeCss } from './to-inherit-theme-css';
import { toShadowCss } from './to-shadow-css';

/**
 * The UI stylesheet for a shadow root, the `theme="inherit"` palette made
 * from it, then the element's own rules.
 */
export const ELEMENT_CSS = `${toShadowCss(uiCss)}\n${toInheritThemeCss(uiCss)}\n${elementCss}`;

const sheets = new Map<string, CSSStyleSheet>();

function canAdopt(): boolean {
  return (
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype &&
    'adoptedStyleSheets' in ShadowRoot.prototype
  );
}

function sheetFor(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (sheet === undefined) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}

/**
 * Gives a shadow root its styles: constructed stylesheets, parsed once and
 * shared by every element on the page, or `<style>` elements where the
 * browser has none (both pass a CSP with `style-src 'self' 'unsafe-inline'`;
 * no stylesheet is fetched, so none can be blocked or go missing).
 */
export function adoptStyles(shadow: ShadowRoot, cssTexts: readonly string[]): void {
  if (canAdopt()) {
    shadow.adoptedStyleSheets = cssTexts.map(sheetFor);
    return;
  }
  for (const css of cssTexts) {
    const style = shadow.ownerDocument.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
}
