import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build-plugins/precompress.js';

// `npx vite` serves the dashboard with hot reload and hands /api to a running `impact serve`.
const api = process.env.IMPACT_API ?? 'http://127.0.0.1:7300';

export default defineConfig({
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': api, '/openapi.json': api, '/docs': api } },
});
