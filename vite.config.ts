import { defineConfig } from 'vite';

// The app is static files only: nothing is fetched from anywhere but its own origin.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
