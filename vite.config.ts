import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.resolve(import.meta.dirname, 'web');

/**
 * The agent workspace (React + Mantine) lives in web/ and builds to web/dist, which the API
 * process serves at /. Feature areas are lazy routes, so each becomes its own chunk.
 * `npx vite` runs a dev server that proxies /api to a backend on port 3000.
 */
export default defineConfig({
  root: webRoot,
  publicDir: path.join(webRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // The libraries every screen uses travel as one preloaded file instead of dozens of small
        // chunks discovered one import at a time (a cold load waited on that waterfall).
        manualChunks(id) {
          if (
            /node_modules\/(react|react-dom|scheduler|react-router|@tanstack|@mantine\/(core|hooks)|@floating-ui|clsx|react-remove-scroll|react-number-format|react-textarea-autosize|use-callback-ref|use-sidecar|tslib|get-nonce|detect-node-es|react-style-singleton)\//.test(
              id,
            )
          )
            return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
