import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The floor app of `npm run bench` (bench/floor), built with the repository's node_modules. */
const nextConfig = {
  // As in the product, so that both answer with the same headers apart from their own.
  poweredByHeader: false,
  // Its packages live two folders up, in the repository's node_modules.
  turbopack: { root: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..') },
};

export default nextConfig;
