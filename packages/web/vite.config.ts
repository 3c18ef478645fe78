import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Big libraries each get their own chunk: a change in our code then leaves the vendor files cached, and the
 * login page does not wait for maplibre or echarts to parse.
 *
 * This is Rolldown's `codeSplitting.groups`, which Vite 8 uses in place of Rollup's `manualChunks`. The function
 * form of `manualChunks` still exists as a deprecated shim but cannot set priorities, and a group also takes its
 * dependencies along: antd's group swallowed react. Higher `priority` claims modules first, so react is taken
 * before antd (which imports it) and stays a chunk of its own.
 */
const node = (packages: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${packages})[\\\\/]`);

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre and antd are each over 1 MB minified; the split above is the remedy, the warning adds nothing.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: node('react|react-dom|scheduler'), priority: 40 },
            { name: 'maplibre', test: node('maplibre-gl|@maplibre|@mapbox'), priority: 30 },
            { name: 'echarts', test: node('echarts|zrender'), priority: 30 },
            { name: 'antd', test: node('antd|@ant-design|@rc-component|rc-[^\\\\/]+|dayjs|@babel'), priority: 20 },
            // The shared contracts bring zod along; one cached chunk rather than a copy in whichever page asked first.
            { name: 'contracts', test: /[\\/](packages[\\/]contracts|node_modules[\\/]zod)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
