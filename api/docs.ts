import path from 'node:path';
import { Router } from 'express';

// Only what our page loads. The package's own index.html and swagger-initializer.js point at the
// petstore demo on the internet, so they are not served.
const uiFiles = new Set([
  'swagger-ui.css',
  'index.css',
  'swagger-ui-bundle.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
]);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(base: string, specUrl: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>舆情应急处置编排服务 API · Incident orchestrator API</title>
  <link rel="stylesheet" href="${escapeHtml(base)}/swagger-ui.css">
  <link rel="stylesheet" href="${escapeHtml(base)}/index.css">
  <link rel="icon" type="image/png" href="${escapeHtml(base)}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${escapeHtml(base)}/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: ${JSON.stringify(specUrl).replace(/</g, '\\u003c')},
      dom_id: '#swagger-ui',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      // The default validator badge calls swagger.io; the API may run with no internet at all.
      validatorUrl: null,
    });
  </script>
</body>
</html>
`;
}

/** Browsable docs from the locally installed Swagger UI (no CDN), reading the document at `specUrl`. */
export function docsRouter(specUrl: string): Router {
  // The folder, not the module: requiring swagger-ui-dist would load the browser bundle into the API.
  const dir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = Router();
  router.get('/', (req, res) => {
    // Links are absolute under the mount, so /docs and /docs/ both load the assets.
    res.type('html').send(page(req.baseUrl, specUrl));
  });
  router.get('/:file', (req, res, next) => {
    if (!uiFiles.has(req.params.file)) {
      next();
      return;
    }
    res.sendFile(req.params.file, { root: dir, maxAge: '1d' });
  });
  return router;
}
