"""The scikit-learn side of test/bench/stats.bench.ts.

argv: <dir> <pairs> <decisions> <runs> <warmups>. <dir> holds, as raw uint8 arrays,
rater-5.u8 / reference-5.u8 and rater-7.u8 / reference-7.u8 (<pairs> levels each) and
decisions-rater.u8 / decisions-reference.u8 (<decisions> 0/1 each). Times, per scale,
what shared/stats' agreementStats computes: cohen_kappa_score for the three weightings,
confusion_matrix, exact / adjacent / mean difference / max discrepancy with numpy, and
decision agreement with accuracy_score. Also timed, as a second reference: the same
figures in plain vectorised numpy (np.bincount for the matrix, kappa from it), which shows
how much of scikit-learn's time is its input checking. Python start-up, imports and
reading the files are not timed. Prints one JSON object on stdout.
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


def numpy_only(rater, reference, points, decisions_rater, decisions_reference):
    """The figures from one np.bincount confusion matrix, as shared/stats derives them."""
    confusion = np.bincount((rater - 1) * points + (reference - 1), minlength=points * points).reshape(points, points).astype(np.float64)
    n = confusion.sum()
    i, j = np.indices((points, points))
    distance = np.abs(i - j)
    chance = np.outer(confusion.sum(axis=1), confusion.sum(axis=0))
    kappas = {}
    for name, weight in (("unweighted", (distance > 0) * 1.0), ("linear", distance * 1.0), ("quadratic", distance**2 * 1.0)):
        kappas[name] = float(1 - n * np.sum(weight * confusion) / np.sum(weight * chance))
    return {
        "exact": float(np.trace(confusion) / n),
        "adjacent": float(confusion[distance <= 1].sum() / n),
        "maxDiscrepancy": int(distance[confusion > 0].max()),
        "meanDifference": float(np.sum((i - j) * confusion) / n),
        **kappas,
        "decisionAgreement": float(np.mean(decisions_rater == decisions_reference)),
    }


def timed(fn, runs, warmups, *args):
    """Wall and CPU milliseconds of each measured run (CPU time is what load cannot inflate)."""
    times, cpu_times = [], []
    for i in range(warmups + runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        values = fn(*args)
        elapsed, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu_start) * 1000
        if i >= warmups:
            times.append(elapsed)
            cpu_times.append(cpu)
    return times, cpu_times, values


def main():
    folder, pairs, decisions, runs, warmups = sys.argv[1], *map(int, sys.argv[2:6])
    decisions_rater = load(os.path.join(folder, "decisions-rater.u8"), decisions)
    decisions_reference = load(os.path.join(folder, "decisions-reference.u8"), decisions)
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0], "scales": {}}
    for points in (5, 7):
        rater = load(os.path.join(folder, f"rater-{points}.u8"), pairs)
        reference = load(os.path.join(folder, f"reference-{points}.u8"), pairs)
        args = (rater, reference, points, decisions_rater, decisions_reference)
        times, cpu_times, values = timed(all_measures, runs, warmups, *args)
        numpy_times, numpy_cpu_times, numpy_values = timed(numpy_only, runs, warmups, *args)
        values["confusion"] = values["confusion"].tolist()
        out["scales"][str(points)] = {
            "runsMs": times,
            "cpuMs": cpu_times,
            "values": values,
            "numpyRunsMs": numpy_times,
            "numpyCpuMs": numpy_cpu_times,
            "numpyValues": numpy_values,
        }
    print(json.dumps(out))


main()
