import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Browser-only SPA: every route is rendered on the client; the static
    // server falls back to index.html for any path that is not a file.
    adapter: adapter({ fallback: 'index.html' }),
    typescript: {
      // Type-check (and let ESLint's project service see) the Node scripts and
      // the top-level config files too, not only src/ and tests/.
      config(tsconfig) {
        if (!Array.isArray(tsconfig.include)) throw new Error('SvelteKit tsconfig has no include');
        tsconfig.include.push(
          '../scripts/**/*.ts',
          '../scripts/**/*.js',
          '../scripts/**/*.mjs',
          '../relay/**/*.ts',
          '../*.config.js',
          '../*.config.ts',
        );
      },
    },
  },
};

export default config;
