import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm dev` finds the API: a mock server started with `pnpm mock-server`. */
const API_TARGET = process.env.HEARTBEAT_API ?? 'http://127.0.0.1:4317';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: {
      // HTTP and the WebSocket route (`/api/sessions/heartbeat/ws`) alike.
      '/api': { target: API_TARGET, ws: true },
    },
  },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Radix ships "use client" directives that mean nothing in a client bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) {
          return;
        }
        warn(warning);
      },
    },
  },
});
