import { defineLibraryBuild } from '../../tsdown.base';

// `.` is the gateway's side (Node, with the emitter); `./page` the page's (with the client).
export default defineLibraryBuild({ index: 'src/index.ts', page: 'src/page.ts' });
