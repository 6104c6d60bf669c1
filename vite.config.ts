import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // The person's choice, then the browser's language, then English.
      strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit(),
    SvelteKitPWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      kit: { adapterFallback: 'index.html', spa: true },
      manifest: {
        name: 'Seats — license admin',
        short_name: 'Seats',
        description: 'Microsoft 365 licenses, offline, for several admins at once.',
        theme_color: '#1f4e79',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // Everything the app needs, the lazily loaded catalogue included, so it works offline.
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,json,wasm}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
    }),
  ],
  test: {
    include: [
      'src/**/*.test.ts',
      'relay/**/*.test.ts',
      'tests/scenarios/**/*.test.ts',
      'tests/relay/**/*.test.ts',
      'tests/adversarial/**/*.test.ts',
    ],
    environment: 'node',
  },
});
