// Static server for the benchmark (bench/run.mjs). No dependencies.
//   /            -> ../../dist (the release build: /index.html is the selfcheck demo page)
//   /bench/...   -> this folder (floor.html, surveyjs.html, surveyjs.mjs)
//   /bench/vendor/<file> -> a fixed list of files from node_modules (SurveyJS 2.5.x)
// Same headers for everything: no caching, no compression (transfer sizes are counted by
// the harness, gzip is computed there), Content-Length always set.
// dist/ is read into memory once, when the server starts, so that one benchmark run sees one
// build even if dist/ is rebuilt meanwhile; the other files are read on each request.
// Standalone: `PORT=4180 node bench/server.mjs` (PORT=0 or unset picks a free port).
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('./', import.meta.url));
export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
const nodeModules = fileURLToPath(new URL('../node_modules/', import.meta.url));

/** Files served from node_modules, by the name they get under /bench/vendor/. */
export const VENDOR = {
  'survey.core.min.js': 'survey-core/survey.core.min.js',
  'survey-js-ui.min.js': 'survey-js-ui/survey-js-ui.min.js',
  'survey-core.fontless.min.css': 'survey-core/survey-core.fontless.min.css',
};

const TYPES = {
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

/** Maps a URL path to a file on disk, or null. Never leaves the three roots. */
function resolve(path) {
  if (path.endsWith('/')) path += 'index.html';
  if (path.startsWith('/bench/vendor/')) {
    const rel = VENDOR[path.slice('/bench/vendor/'.length)];
    return rel ? join(nodeModules, rel) : null;
  }
  const [root, rel] = path.startsWith('/bench/') ? [here, path.slice('/bench/'.length)] : [distDir, path];
  const file = normalize(join(root, rel));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/** Every file under dist/, by absolute path. */
async function snapshot(dir) {
  const files = new Map();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = join(e.parentPath ?? e.path, e.name);
    files.set(file, await readFile(file));
  }
  return files;
}

/**
 * Starts the server on 127.0.0.1; resolves to { server, port, origin, dist, made } where dist
 * lists the snapshot of dist/ that it serves (path and size) and `made` maps further URL
 * paths to HTML the caller puts there.
 */
export async function startServer(port = 0) {
  const dist = await snapshot(distDir);
  // Pages the harness makes while it runs (bench/static-widget.html), by URL path.
  const made = new Map();
  const server = createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    let path = '';
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      path = '';
    }
    const file = path && resolve(path);
    const type = file && TYPES[extname(file)];
    if ((req.method === 'GET' || req.method === 'HEAD') && type) {
      try {
        const body = made.get(path) ?? (file.startsWith(distDir) ? dist.get(file) : await readFile(file));
        if (!body) throw new Error('not in the snapshot');
        res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      } catch {
        // fall through to 404
      }
    }
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const p = server.address().port;
      const files = [...dist].map(([f, b]) => ({ path: '/' + relative(distDir, f).split(sep).join('/'), bytes: b.length }));
      ok({ server, port: p, origin: `http://127.0.0.1:${p}`, dist: files, made });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { origin } = await startServer(Number(process.env.PORT || 0));
  console.log(`bench server: ${origin}/index.html  ${origin}/bench/floor.html  ${origin}/bench/surveyjs.html`);
}
