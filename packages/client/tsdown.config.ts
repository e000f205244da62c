import { defineLibraryBuild } from '../../tsdown.base';

export default [
  defineLibraryBuild({ index: 'src/index.ts' }),
  // The worker's script (`./worker`): a host serves this one file from its own
  // origin, so it brings everything it runs (core, Query) and imports nothing.
  {
    ...defineLibraryBuild(
      { 'heartbeat-worker': 'src/heartbeat-worker.ts' },
      { deps: { alwaysBundle: [/.*/] } },
    ),
    clean: false,
    minify: true,
    platform: 'browser' as const,
  },
];
