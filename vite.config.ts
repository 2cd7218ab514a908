import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const web = (file: string) => fileURLToPath(new URL(`./src/web/${file}`, import.meta.url));

// The console is built into dist/web, which the server serves under /. The residents'
// registration page (reg.html, /m/reg/…) is a second, light entry: it shares only the
// chunks it needs (React, a few antd-mobile components), never the console's.
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { index: web('index.html'), reg: web('reg.html') },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
