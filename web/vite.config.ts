import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server forwards the API to a running DiploDesk server (`npm start` listens on 8080).
const apiTarget = process.env.DIPLODESK_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui)[\\/]/, priority: 20 },
            // Charts load with the pages that draw them, not with the app.
            { name: 'charts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 },
            // The world's shapes (~750 kB) load only when a map is shown.
            { name: 'world-map', test: /node_modules[\\/](world-atlas|topojson-client|i18n-iso-countries)[\\/]/, priority: 26 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api/live': { target: apiTarget, ws: true },
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
  preview: {
    proxy: {
      '/api/live': { target: apiTarget, ws: true },
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
});
