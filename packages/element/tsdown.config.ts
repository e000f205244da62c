import { defineLibraryBuild } from '../../tsdown.base';

// Types only: the JavaScript is Vite's two self-contained bundles (vite.config.ts),
// React inside. What the bundles hide stays out of the types too: `@internal`
// members (React's) are stripped, and ui's few types are inlined, so a host
// needs neither React's types nor ui to type-check against the elements.
export default defineLibraryBuild(
  { 'session-heartbeat-element': 'src/index.ts', manual: 'src/manual.ts' },
  {
    dts: {
      sourcemap: true,
      emitDtsOnly: true,
      compilerOptions: { stripInternal: true },
    },
    deps: { alwaysBundle: ['@session-heartbeat/ui'] },
  },
);
