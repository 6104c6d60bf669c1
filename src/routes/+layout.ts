// Seats runs entirely in the browser: no server rendering, no prerendered pages.
// adapter-static writes the fallback page (index.html) that boots the app for every path.
export const ssr = false;
export const prerender = false;
