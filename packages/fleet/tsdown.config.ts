import { defineLibraryBuild } from '../../tsdown.base';

// `.` is the gateway's publisher; `./aggregator` serves the fleet (it loads the Node adapter).
export default defineLibraryBuild(
  { index: 'src/index.ts', 'aggregator/index': 'src/aggregator/index.ts' },
  { platform: 'node' },
);
