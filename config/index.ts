import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * Taro build configuration for both targets:
 *  - weapp: what WeChat DevTools opens (dist/weapp, see project.config.json)
 *  - h5: the local demo and the PC console for cadres (dist/h5, served by the local runtime)
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'qinglian-cunju',
    date: '2026-11-23',
    // NutUI is drawn for a 375-wide design; our own styles for 750.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file ?? '';
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    alias: {
      '@common': path.resolve(__dirname, '..', 'cloudfunctions/common'),
      '@': path.resolve(__dirname, '..', 'src'),
    },
    // src/static/ ships as is (e.g. the demo town's sample receipt, /static/demo/receipt.svg).
    copy: { patterns: [{ from: 'src/static/', to: `dist/${process.env.TARO_ENV}/static/` }], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Shared code the pages import from cloudfunctions/common (contracts, money, clock) is
      // TypeScript outside src: compile it like src.
      compile: { include: [path.resolve(__dirname, '..', 'cloudfunctions')] },
      // Pages of different subpackages import NutUI styles in different orders; harmless.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile: { include: [path.resolve(__dirname, '..', 'cloudfunctions')] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') {
    return merge({}, base, { env: { NODE_ENV: '"development"' } });
  }
  void isH5;
  return merge({}, base, { env: { NODE_ENV: '"production"' } });
});
