// How bench:hub measures, recorded with its figures in bench-results/hub.json.
import { DOWNLOAD_METHOD } from './downloads.ts';

export const METHOD = {
  machine:
    'One machine with 2 cores shared by the load generator (autocannon and fetch in the benchmark process), the hub processes, ' +
    'the proxy and PostgreSQL, and by other work on the machine: every figure carries the 1-minute load average read when it was ' +
    'taken, throughput runs are repeated in interleaved rounds and reported as the median with the range.',
  seed:
    'The hub seeds its catalogue, the first assessor and a staff account itself (--seed; on SQLite also the 100 MB video, ' +
    'stored as an upload and routed by intake). The other 499 assessors (copying the first one\'s password hash: 500 scrypt ' +
    'hashes per hub would dominate the run) and 1,000 open assignments (2 per assessor) are written by the bulk loader ' +
    'described under growth. All 500 assessors sign in over HTTP before measuring; accounts have their own passwords, so ' +
    'every hub process on the database accepts them.',
  throughput:
    'GET /v1/sync without a cursor (the full answer: 2 assignments with their submissions, rubric and micro-credential), 10 ' +
    'keep-alive connections, each request carrying the next of the 500 tokens. SQLite: one hub process. PostgreSQL: one database, ' +
    'two hub processes sharing it and one artifact folder; "direct" is hub 1 alone, "proxy1" hub 1 behind the round-robin TCP ' +
    'proxy (test/bench/support/round-robin-proxy.ts, its own process; the proxy\'s cost), "proxy2" both hubs behind another proxy ' +
    '(connections dealt in turn). twoProcessesVsOne compares proxy2 with proxy1. CPU-seconds per 1,000 requests from /proc for ' +
    'each hub, the proxy, and the PostgreSQL cluster (postmaster, its live backends, and backends it has reaped). sameRate: ' +
    'proxy1 and proxy2 again in interleaved rounds, both at one fixed request rate (autocannon overallRate, 80 % of the lower of ' +
    'their two throughputs), so that both serve the same work; twoProcessesCpuPerRequestVsOne (the target) compares their CPU ' +
    'per request there. At saturation one busy process is compared with two half-busy ones sharing the same two cores, which ' +
    'is recorded as twoProcessesCpuPerRequestVsOneAtSaturation.',
  growth:
    'p99 of GET /v1/sync at 1,000 and at 100,000 assignments: two hubs of the same engine built the same way and running side ' +
    'by side (one process each; the small one is the throughput hub), the same 500 assessors signed in on each, measured in ' +
    'interleaved rounds (3 × 4 s each, 10 connections, median), so a burst of other work hits both sizes alike. "full": no cursor (the answer grows with each assessor\'s history: 2 assignments at 1,000, 200 at ' +
    '100,000, informative only). "incremental": each assessor\'s current cursor (what a signed-in workstation sends every few ' +
    'seconds; the target applies here). The growth from 1,000 to 100,000 is loaded in bulk through the hub\'s own schema ' +
    '(test/bench/support/history.ts), not over HTTP: for each extra submission exactly the rows artifact, submission and review ' +
    'intake write (artifact row and file, candidate, submission, artifact link, assignment with its change sequence, review, ' +
    'and the audit events chained with the hub\'s own hash; GET /v1/audit/verify checks the chain at the end), assigned to the ' +
    'assessors in turn as least-open-work routing spreads equal work. 97,000 are decided, 2,000 stay open for the load phase. ' +
    'PostgreSQL gets VACUUM ANALYZE after the load (autovacuum would have done so on a hub that grew over months); SQLite is left as the hub keeps it.',
  load:
    "Issue #8's load on the 100,000-assignment hub (one process): after one full sync each (not counted), 500 signed-in assessors each sync " +
    'with their own cursor every 5 s (staggered), while 2,000 reviews arrive at an even pace over 60 s, each PUT by the assessor ' +
    'holding the assignment and built with the shared review helper (test/support/review-content.ts) so the hub accepts it ' +
    '(201 expected). Every request is timed from when it is sent; an error is any other status, a network error or a 10 s timeout. ' +
    'Both hubs\' audit chains are verified afterwards.',
  download: DOWNLOAD_METHOD,
};
