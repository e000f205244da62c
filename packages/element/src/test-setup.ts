// Test-only: jest-dom's matchers, what jsdom lacks for Radix, and a clean page after each test.
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

// The elements render in their own React roots, on their own schedule (a
// microtask, then React's): tests wait for what the page would show, as a
// page would, instead of wrapping every change in `act`.
globalThis.IS_REACT_ACT_ENVIRONMENT = false;

// Radix measures its tooltip with a ResizeObserver; jsdom has none.
globalThis.ResizeObserver ??= class {
  observe = () => undefined;
  unobserve = () => undefined;
  disconnect = () => undefined;
};

// jsdom lays nothing out: give boxes a size, so the virtualized list has rows to show.
Object.defineProperties(Element.prototype, {
  clientWidth: { configurable: true, get: () => 1200 },
  clientHeight: { configurable: true, get: () => 480 },
});

afterEach(() => {
  document.body.replaceChildren();
  document.head.querySelectorAll('style[data-test]').forEach((style) => style.remove());
});
