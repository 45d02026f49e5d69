// Downloads one URL with Node's fetch (streamed, counted, never held whole), with
// node:http, and with curl, each timed from request to last byte.
import { spawn } from 'node:child_process';
import { get } from 'node:http';

export type DownloadResult = { bytes: number; seconds: number; mbPerSec: number };

const result = (bytes: number, seconds: number): DownloadResult => ({ bytes, seconds, mbPerSec: bytes / (1024 * 1024) / seconds });

export async function fetchDownload(url: string, token: string): Promise<DownloadResult> {
  const start = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`download answered ${res.status}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
  return result(bytes, Number(process.hrtime.bigint() - start) / 1e9);
}

/** The classic node:http client, to tell client overhead from hub overhead in a gap to curl. */
export function httpDownload(url: string, token: string): Promise<DownloadResult> {
  const start = process.hrtime.bigint();
  return new Promise((done, fail) => {
    get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) fail(new Error(`download answered ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.once('end', () => done(result(bytes, Number(process.hrtime.bigint() - start) / 1e9)));
      res.once('error', fail);
    }).once('error', fail);
  });
}

/** curl's own transfer clock (time_total), so process start-up is not charged to it. */
export function curlDownload(url: string, token: string): Promise<DownloadResult> {
  return new Promise((done, fail) => {
    const child = spawn('curl', ['-s', '-o', '/dev/null', '-H', `Authorization: Bearer ${token}`, '-w', '%{http_code} %{size_download} %{time_total}', url]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      const [status, size, seconds] = out.trim().split(' ');
      if (code !== 0 || status !== '200') fail(new Error(`curl exited ${code} with HTTP ${status}`));
      else done(result(Number(size), Number(seconds)));
    });
  });
}
