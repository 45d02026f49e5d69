"""The scikit-learn side of test/bench/stats.bench.ts.

argv: <dir> <pairs> <decisions> <runs> <warmups>. <dir> holds, as raw uint8 arrays,
rater-5.u8 / reference-5.u8 and rater-7.u8 / reference-7.u8 (<pairs> levels each) and
decisions-rater.u8 / decisions-reference.u8 (<decisions> 0/1 each). Times, per scale,
what shared/stats' agreementStats computes: cohen_kappa_score for the three weightings,
confusion_matrix, exact / adjacent / mean difference / max discrepancy with numpy, and
decision agreement with accuracy_score. Python start-up, imports and reading the files
are not timed. Prints one JSON object on stdout.
"""

import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix


def load(path, count):
    values = np.fromfile(path, dtype=np.uint8).astype(np.int64)
    if len(values) != count:
        sys.exit(f"{path}: expected {count} values, read {len(values)}")
    return values


def all_measures(rater, reference, points, decisions_rater, decisions_reference):
    labels = list(range(1, points + 1))
    diff = rater - reference
    absolute = np.abs(diff)
    return {
        "confusion": confusion_matrix(rater, reference, labels=labels),
        "exact": float(np.mean(absolute == 0)),
        "adjacent": float(np.mean(absolute <= 1)),
        "maxDiscrepancy": int(absolute.max()),
        "meanDifference": float(np.mean(diff)),
        "unweighted": float(cohen_kappa_score(rater, reference, labels=labels)),
        "linear": float(cohen_kappa_score(rater, reference, labels=labels, weights="linear")),
        "quadratic": float(cohen_kappa_score(rater, reference, labels=labels, weights="quadratic")),
        "decisionAgreement": float(accuracy_score(decisions_reference, decisions_rater)),
    }


def main():
    folder, pairs, decisions, runs, warmups = sys.argv[1], *map(int, sys.argv[2:6])
    decisions_rater = load(os.path.join(folder, "decisions-rater.u8"), decisions)
    decisions_reference = load(os.path.join(folder, "decisions-reference.u8"), decisions)
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0], "scales": {}}
    for points in (5, 7):
        rater = load(os.path.join(folder, f"rater-{points}.u8"), pairs)
        reference = load(os.path.join(folder, f"reference-{points}.u8"), pairs)
        times = []
        for i in range(warmups + runs):
            start = time.perf_counter()
            values = all_measures(rater, reference, points, decisions_rater, decisions_reference)
            elapsed = (time.perf_counter() - start) * 1000
            if i >= warmups:
                times.append(elapsed)
        values["confusion"] = values["confusion"].tolist()
        out["scales"][str(points)] = {"runsMs": times, "values": values}
    print(json.dumps(out))


main()
