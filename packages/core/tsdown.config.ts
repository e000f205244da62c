import { defineLibraryBuild } from '../../tsdown.base';

export default defineLibraryBuild({ index: 'src/index.ts', server: 'src/server.ts' });
