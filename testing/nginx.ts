import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { makeSelfSignedCertificate, type TlsCertificate } from './tls-certificate';

/**
 * Debian's nginx in front of one or more app instances, as people deploy it: TLS with a
 * self-signed certificate on a loopback port, X-Forwarded-Proto/Host set, round robin over the
 * upstreams, and optionally a shared cache (`proxy_cache`) that honours the app's Cache-Control
 * and Vary. Each answer names the instance that served it in `X-Upstream`, and the cache's
 * verdict in `X-Cache-Status`, so tests can tell where a request went.
 */

export type NginxOptions = { port: number; upstreams: number[]; cache?: boolean };

export type RunningNginx = { url: string; certificate: TlsCertificate; stop: () => Promise<void> };

const nginxPaths = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];

export function nginxBinary(): string | undefined {
  return nginxPaths.find((candidate) => existsSync(candidate));
}

export function nginxConfig({ port, upstreams, cache }: NginxOptions, dir: string, certificate: TlsCertificate, runsAsRoot: boolean): string {
  return `
${runsAsRoot ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${cache ? `proxy_cache_path ${dir}/cache keys_zone=app:1m max_size=20m;` : ''}
  upstream app { ${upstreams.map((upstream) => `server 127.0.0.1:${upstream};`).join(' ')} }
  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost;
    ssl_certificate ${certificate.certFile};
    ssl_certificate_key ${certificate.keyFile};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # The sign-in cookie and the CSP make headers past nginx's default 4 KB buffer (a 502).
      proxy_buffer_size 16k;
      proxy_buffers 8 16k;
      proxy_busy_buffers_size 32k;
      ${cache ? 'proxy_cache app;' : ''}
      add_header X-Upstream $upstream_addr always;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const binary = nginxBinary();
  if (!binary) throw new Error(`nginx is not installed (looked in ${nginxPaths.join(', ')}): apt-get install nginx-light, as .ci/run does.`);
  const dir = await mkdtemp(path.join(tmpdir(), 'logto-ses-next-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'cache']) await mkdir(path.join(dir, sub));
  const certificate = makeSelfSignedCertificate(dir);
  const configFile = path.join(dir, 'nginx.conf');
  await writeFile(configFile, nginxConfig(options, dir, certificate, process.getuid?.() === 0));
  const test = spawnSync(binary, ['-t', '-q', '-p', dir, '-c', configFile], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused its configuration:\n${test.stderr}`);

  // Its own process group, so that stopping it stops its worker too.
  const child = spawn(binary, ['-p', dir, '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(options.port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start on port ${options.port}:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `https://localhost:${options.port}`, certificate, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
