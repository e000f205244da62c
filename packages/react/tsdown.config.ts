import { defineLibraryBuild, USE_CLIENT } from '../../tsdown.base';

export default defineLibraryBuild({ index: 'src/index.ts' }, { banner: USE_CLIENT });
