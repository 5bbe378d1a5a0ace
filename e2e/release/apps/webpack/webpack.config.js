// Two pages: the app with the widget (index.html) and without it (plain.html). The pages
// are written by a few lines here rather than a plugin, to keep the fixture's packages few.
import { fileURLToPath } from 'node:url';

const page = (title, script) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <script type="module" src="${script}"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

export default {
  entry: { index: './src/index.js', plain: './src/plain.js' },
  output: {
    path: fileURLToPath(new URL('./dist/', import.meta.url)),
    filename: '[name].[contenthash].js',
    assetModuleFilename: 'assets/[name].[contenthash][ext]',
    module: true,
    publicPath: 'auto',
    clean: true,
  },
  experiments: { outputModule: true },
  plugins: [
    {
      apply(compiler) {
        compiler.hooks.thisCompilation.tap('pages', (compilation) => {
          compilation.hooks.processAssets.tap({ name: 'pages', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
            for (const [name, entry] of compilation.entrypoints) {
              const [js] = entry.getFiles().filter((f) => f.endsWith('.js'));
              compilation.emitAsset(`${name}.html`, new compiler.webpack.sources.RawSource(page(`Riverside Counselling (${name})`, js)));
            }
          });
        });
      },
    },
  ],
  // webpack (5.113) minifies every .css file of a production build, the widget's stylesheet
  // too: the browser then refuses it (selfcheck.js pins it by its sha384) and the widget
  // shows only its static contacts. The package's README says to leave CSS assets as they
  // are; FIXTURE_WEBPACK_DEFAULTS=1 builds without this, to see whether the loader still
  // needs it.
  optimization: process.env.FIXTURE_WEBPACK_DEFAULTS ? {} : { minimizeOptions: { css: false } },
  performance: { hints: false },
};
