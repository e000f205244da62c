import { defineConfig, type UserConfig } from 'tsdown';

/**
 * How every publishable package builds (`pnpm build`): tsdown (Rolldown for the
 * JavaScript, rolldown-plugin-dts for the types), ESM only, one file per
 * entry with its source map, and `.d.ts` with declaration maps so that "go to
 * definition" in a consumer's editor lands in our TypeScript. Dependencies and
 * peers stay external: a consumer's bundler dedupes them.
 */
export function defineLibraryBuild(
  entry: Record<string, string>,
  options: Pick<UserConfig, 'platform' | 'banner' | 'copy' | 'dts' | 'deps'> = {},
): UserConfig {
  return defineConfig({
    entry,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    outDir: 'dist',
    clean: true,
    // `.js` / `.d.ts` whatever the platform: every package is `"type": "module"`.
    fixedExtension: false,
    // dts generation is slow by nature on two cores; a timing warning is not news.
    checks: { pluginTimings: false },
    sourcemap: true,
    dts: { sourcemap: true },
    // The version banner and the Node deprecation notice are not news in a build log.
    logLevel: 'warn',
    ...options,
  });
}

/** Marks a React module for React Server Components hosts, as Radix and TanStack Query do. */
export const USE_CLIENT = { js: "'use client';" };
