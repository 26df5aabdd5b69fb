/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The AWS SDK and ioredis are Node libraries; keep them out of the bundle.
  serverExternalPackages: ['@aws-sdk/client-sesv2', 'ioredis'],
};

export default nextConfig;
