import { defineLibraryBuild, USE_CLIENT } from '../../tsdown.base';

// The stylesheet ships as it is written: plain CSS, no build step of its own.
export default defineLibraryBuild(
  { index: 'src/index.ts' },
  { banner: USE_CLIENT, copy: [{ from: 'src/styles.css', to: 'dist' }] },
);
