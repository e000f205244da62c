import { HeartbeatProvider } from '@session-heartbeat/react';
import type { Decorator } from '@storybook/react-vite';
import { createStoryWorld, type StoryWorld, type StoryWorldOptions } from './create-story-world';

/** A loader that builds a fresh world for each story run (in `context.loaded.world`). */
export function loadWorld(options: StoryWorldOptions) {
  return async (): Promise<{ world: StoryWorld }> => ({ world: createStoryWorld(options) });
}

/** The world a story's loader built. */
export function worldOf(context: { loaded: Record<string, unknown> }): StoryWorld {
  const world = context.loaded.world as StoryWorld | undefined;
  if (world === undefined) throw new Error('This story needs a `loadWorld(…)` loader.');
  return world;
}

/** Wraps the story in a `HeartbeatProvider` for the loaded world's client. */
export const withWorld: Decorator = (Story, context) => (
  <HeartbeatProvider client={worldOf(context).client}>
    <Story />
  </HeartbeatProvider>
);
