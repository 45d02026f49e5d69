// The hub's artifact serving: curl fetching a large artifact from the hub against curl
// fetching the same file from a bare node:http static server started in the same run (the
// hub's overhead), plus the workstation-side clients (node:http, fetch) against curl.
import { SyncResponse } from '../../../shared/index.ts';
import { within } from './deadline.ts';
import { curlDownload, fetchDownload, httpDownload, type DownloadResult } from './download.ts';

const DOWNLOAD_RUNS = 7;
export const DOWNLOAD_METHOD =
  'downloadVsCurl = hubVsBareServerWithCurl: the median MB/s of curl downloading the large artifact from the hub (bearer auth, ' +
  'access check, Range/ETag handling) divided by the median MB/s of curl downloading the same file from a bare node:http static ' +
  'server (`createReadStream(file, { highWaterMark: 1 MiB }).pipe(res)`, own process, started in the same run); i.e. the hub serves within 10 % of a minimal file server. ' +
  'Runs are interleaved, warm page cache. nodeHttpVsCurl and nodeVsCurl compare Node clients (node:http as the workstation ' +
  'downloader uses, and fetch) with curl on the same hub URL.';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The large video's URL and a token of the assessor it was routed to. */
async function findBigArtifact(url: string, tokens: readonly string[], submissionId: string) {
  for (const token of tokens) {
    const res = await fetch(`${url}/v1/sync`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    const sync = SyncResponse.parse(await res.json());
    const artifact = sync.submissions.find((s) => s.id === submissionId)?.artifacts[0];
    if (artifact) return { url: `${url}/v1/artifacts/${artifact.id}`, token, bytes: artifact.bytes };
  }
  throw new Error(`no assessor holds ${submissionId}`);
}

/** Interleaved runs, so a burst of load on the shared machine hits every client alike. */
export async function measureDownloads(hubUrl: string, tokens: readonly string[], helloUrl: string, bigSubmissionId: string, step: (s: string) => void) {
  const big = await findBigArtifact(hubUrl, tokens, bigSubmissionId);
  const bareUrl = `${helloUrl}/file`;
  step(`downloading ${round(big.bytes / 1024 / 1024)} MB ${DOWNLOAD_RUNS}× each with fetch, node:http, curl, and curl from a bare server`);
  const clients = { node: fetchDownload, http: httpDownload, curl: curlDownload, bareCurl: (_: string, t: string) => curlDownload(bareUrl, t) };
  const runs: Record<keyof typeof clients, DownloadResult[]> = { node: [], http: [], curl: [], bareCurl: [] };
  const timed = (what: string, p: Promise<DownloadResult>) => within(`${what} of ${big.bytes} bytes`, 120_000, p);
  // One unmeasured pass from each server, so every measured run reads from a warm page cache.
  await timed('a warm-up download from the hub', curlDownload(big.url, big.token));
  await timed('a warm-up download from the bare server', curlDownload(bareUrl, big.token));
  for (let i = 0; i < DOWNLOAD_RUNS; i++) {
    const order = Object.entries(clients);
    // Alternating the order, so a burst of load on the shared machine does not always hit the same client.
    for (const [name, download] of i % 2 === 0 ? order : order.reverse()) runs[name as keyof typeof clients].push(await timed(`a ${name} download`, download(big.url, big.token)));
  }
  const mbps = (name: keyof typeof clients) => median(runs[name].map((d) => d.mbPerSec));
  return {
    method: DOWNLOAD_METHOD,
    bytes: big.bytes,
    sizesOk: Object.values(runs).every((rs) => rs.every((d) => d.bytes === big.bytes)),
    nodeFetchMBps: round(mbps('node'), 1),
    curlMBps: round(mbps('curl'), 1),
    nodeVsCurl: round(mbps('node') / mbps('curl'), 3),
    nodeHttpMBps: round(mbps('http'), 1),
    nodeHttpVsCurl: round(mbps('http') / mbps('curl'), 3),
    curlFromBareServerMBps: round(mbps('bareCurl'), 1),
    hubVsBareServerWithCurl: round(mbps('curl') / mbps('bareCurl'), 3),
    runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((d) => round(d.mbPerSec, 1))])),
  };
}
