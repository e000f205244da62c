import { defineLibraryBuild } from '../../tsdown.base';

// `.` runs anywhere (no Node import); `./node` is the HTTP + WebSocket adapter.
export default defineLibraryBuild(
  { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  { platform: 'node' },
);
