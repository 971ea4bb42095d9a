import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The API must be same-site with the page (both 127.0.0.1 or both localhost, other ports are
// fine) so the SameSite=Strict refresh cookie is sent, and list this origin in CORS_ORIGINS.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  define: { __LATCHKEY_API__: JSON.stringify(process.env.LATCHKEY_URL ?? 'http://127.0.0.1:4000') },
  resolve: { alias: { 'latchkey/client': fileURLToPath(new URL('../../client/index.ts', import.meta.url)) } },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
