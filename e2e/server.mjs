// A tiny static file server for ../dist, used by the Playwright tests. No dependencies.
// Serves only files inside dist/, on 127.0.0.1, never cached. PORT env var (default 4173).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(process.env.PORT || 4173);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pack': 'application/octet-stream',
};

export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
].join('; ');

createServer(async (req, res) => {
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    path = '';
  }
  // /strict/… serves the same files under the strictest policy a host might set, with
  // Trusted Types required: the widget must run with zero violations.
  if (path.startsWith('/strict/')) {
    path = path.slice('/strict'.length);
    headers['Content-Security-Policy'] = STRICT_CSP;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  const type = types[extname(file)];
  if ((req.method === 'GET' || req.method === 'HEAD') && type && file.startsWith(root)) {
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    } catch {
      // fall through to 404
    }
  }
  res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}).listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}/`);
});
