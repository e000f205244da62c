// @vitest-environment jsdom
import { focusManager, onlineManager } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserEnvironment } from './environment';

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}

afterEach(() => {
  setVisibility('visible');
  onlineManager.setOnline(true);
});

describe('createBrowserEnvironment', () => {
  it('reads the page: clock, animation frames, visibility, network and resume', () => {
    const environment = createBrowserEnvironment();
    expect(Math.abs(environment.now() - Date.now())).toBeLessThan(50);
    expect(environment.requestAnimationFrame).toBeTypeOf('function');

    const visibility = vi.fn();
    const stopVisibility = environment.onVisibilityChange(visibility);
    setVisibility('hidden');
    expect(environment.isHidden()).toBe(true);
    expect(visibility).toHaveBeenCalledTimes(1);
    stopVisibility();
    setVisibility('visible');
    expect(visibility).toHaveBeenCalledTimes(1);

    const online = vi.fn();
    const stopOnline = environment.onOnlineChange(online);
    window.dispatchEvent(new Event('offline'));
    expect(environment.isOnline()).toBe(false);
    expect(online).toHaveBeenCalledTimes(1);
    stopOnline();

    const resume = vi.fn();
    const stopResume = environment.onResume(resume);
    document.dispatchEvent(new Event('resume'));
    stopResume();
    document.dispatchEvent(new Event('resume'));
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('agrees with TanStack Query’s managers', () => {
    const environment = createBrowserEnvironment();
    focusManager.setFocused(false);
    expect(environment.isHidden()).toBe(true);
    focusManager.setFocused(undefined);
    expect(environment.isHidden()).toBe(false);
  });
});
