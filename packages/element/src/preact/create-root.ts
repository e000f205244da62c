// `react-dom/client` in the bundle: vite.config.ts points it here when it
// answers React with preact/compat (nothing else imports this file; the
// sources, their tests and the React packages use real React).
import { options, type VNode } from 'preact';

export { createRoot } from 'preact/compat/client';

/**
 * React runs every pending `useEffect` before it renders again; Preact
 * leaves them for the next frame, except that a component which renders
 * again first runs its own, ahead of effects still pending higher in the
 * tree. Radix's tooltip depends on React's order: the root's "opened"
 * effect tells every open tooltip to close, and must run before the
 * content (mounted by a quick second render) starts listening. Under
 * Preact's order a tooltip opened by hover closed itself at once
 * (https://github.com/preactjs/preact/issues/3805). So the bundle runs
 * pending effects at the end of every commit, after the layout effects, as
 * React does for a synchronous update.
 */
let flushPendingEffects: (() => void) | undefined;

// Preact's hooks hand their "after paint" flush to this option. Keep it, and
// still run it after a task in case some day effects are queued without a
// commit (a second call finds nothing to do).
options.requestAnimationFrame = (flush) => {
  flushPendingEffects = flush;
  setTimeout(flush);
};

/**
 * The commit hook is internal to Preact, under its mangled name (`_commit`
 * is `__c`; Preact keeps these names stable for its devtools and signals,
 * and the version is pinned). preact/hooks sets it to run layout effects.
 */
interface CommitOption {
  __c?: (vnode: VNode, commitQueue: unknown[]) => void;
}
const internalOptions = options as typeof options & CommitOption;
const runLayoutEffects = internalOptions.__c;
if (runLayoutEffects === undefined) {
  throw new Error('preact/hooks did not install its commit hook: the Preact version changed');
}
internalOptions.__c = (vnode, commitQueue) => {
  runLayoutEffects(vnode, commitQueue);
  flushPendingEffects?.();
};
