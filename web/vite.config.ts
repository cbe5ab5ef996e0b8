import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));
const out = fileURLToPath(new URL('../dist/web', import.meta.url));
/** Where `vite --mode console` (dev server) sends API and WebSocket calls: a running `npm start`. */
const apiTarget = 'http://127.0.0.1:3000';

/** The three web builds, chosen by mode: `widget` (one IIFE file), `demo` (the page at /), `console` (SPA at /console/). */
export default defineConfig(({ mode }): UserConfig => {
  const shared: UserConfig = {
    logLevel: 'warn',
    build: { emptyOutDir: false, target: 'es2022', reportCompressedSize: false },
  };
  switch (mode) {
    case 'widget':
      return {
        ...shared,
        root: `${web}widget`,
        publicDir: false,
        build: {
          ...shared.build,
          outDir: out,
          lib: {
            entry: `${web}widget/main.ts`,
            formats: ['iife'],
            name: 'BatonWidget',
            fileName: () => 'widget.js',
          },
        },
      };
    case 'demo':
      return {
        ...shared,
        root: `${web}demo`,
        base: '/',
        publicDir: false,
        build: { ...shared.build, outDir: out, assetsDir: 'assets' },
      };
    default:
      return {
        ...shared,
        root: `${web}console`,
        base: '/console/',
        publicDir: false,
        plugins: [react()],
        build: { ...shared.build, outDir: `${out}/console`, assetsDir: 'assets' },
        server: {
          proxy: {
            '/api/v1/ws': { target: apiTarget, ws: true },
            '/api': apiTarget,
            '/widget.js': apiTarget,
          },
        },
      };
  }
});
