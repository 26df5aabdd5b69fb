/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The dev-tools badge would sit on top of the UI in screenshots and demos.
  devIndicators: false,
  // The AWS SDK and ioredis are Node libraries; keep them out of the bundle.
  serverExternalPackages: ['@aws-sdk/client-sesv2', 'ioredis'],
};

export default nextConfig;
