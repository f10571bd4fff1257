/// <reference types="vitest/config" />
import { defineConfig, mergeConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { OFFLINE_MODE, buildOfflineHtml, offlineConfig } from './scripts/vite/offlineHtml.ts';
import { serviceWorker } from './scripts/vite/serviceWorker.ts';
import { preloadPage } from './scripts/vite/preloadPage.ts';

// base './' so that the built site works from any sub-path (GitHub Pages, a course site's folder, file://).
const shared: UserConfig = {
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
  worker: { format: 'es' },
};

export default defineConfig(({ mode }) => {
  // The second build `vite build` runs: the single-file offline page (scripts/vite/offlineHtml.ts).
  if (mode === OFFLINE_MODE) return mergeConfig(shared, offlineConfig());
  return mergeConfig(shared, {
    plugins: [serviceWorker(), buildOfflineHtml(), preloadPage('/src/ui/mountPage.tsx')],
    test: {
      include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
      environment: 'node',
      reporters: ['default', 'json'],
      outputFile: { json: 'reports/unit.json' },
    },
  } satisfies UserConfig);
});
