"""Reference values for shared/stats, computed by scikit-learn on seeded generated data.

Writes test/shared/fixtures/stats-sklearn.json, which test/shared/stats-sklearn.test.ts
compares against to 1e-9 without needing Python. Run with Debian's python3-sklearn:

    /usr/bin/python3 scripts/stats-fixtures.py          # (re)write the fixture
    /usr/bin/python3 scripts/stats-fixtures.py --check  # regenerate and compare with the committed file

Kappa is cohen_kappa_score(rater, reference, weights=..., labels=range(1, points + 1));
where scikit-learn answers NaN (no chance disagreement: one and the same level everywhere)
the fixture records null with the reason the TypeScript module must give.
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix

SEED = 20260610
OUT = Path(__file__).resolve().parent.parent / "test" / "shared" / "fixtures" / "stats-sklearn.json"


def clip(x, points):
    return np.clip(x, 1, points)


def level_cases(rng):
    """(name, points, rater, reference) for every situation the tests must cover."""
    cases = []
    for p in (5, 7):
        ref = rng.integers(1, p + 1, 12)
        cases.append((f"{p}pt uniform, n=12", p, rng.integers(1, p + 1, 12), ref))
        cases.append((f"{p}pt uniform, n=200", p, rng.integers(1, p + 1, 200), rng.integers(1, p + 1, 200)))
        ref = rng.integers(1, p + 1, 1000)
        noise = rng.choice([-1, 0, 1], 1000, p=[0.2, 0.6, 0.2])
        cases.append((f"{p}pt close to the reference, n=1000", p, clip(ref + noise, p), ref))
        ref = rng.integers(1, p + 1, 20000)
        noise = rng.choice([-2, -1, 0, 1, 2], 20000, p=[0.05, 0.2, 0.5, 0.2, 0.05])
        cases.append((f"{p}pt close to the reference, n=20000", p, clip(ref + noise, p), ref))
        ref = rng.integers(1, p + 1, 300)
        cases.append((f"{p}pt lenient by one level on 60% of pairs", p, clip(ref + (rng.random(300) < 0.6), p), ref))
        cases.append((f"{p}pt only levels 2..4 used", p, rng.integers(2, 5, 150), rng.integers(2, 5, 150)))
        ref = rng.integers(1, p + 1, 80)
        cases.append((f"{p}pt perfect agreement", p, ref.copy(), ref))
        cases.append((f"{p}pt total disagreement, 1 against {p}", p, np.full(40, 1), np.full(40, p)))
        ref = rng.integers(1, p + 1, 90)
        cases.append((f"{p}pt reversed scale", p, p + 1 - ref, ref))
        skew = [0.02, 0.03, 0.1, 0.8, 0.05] if p == 5 else [0.01, 0.01, 0.03, 0.05, 0.1, 0.7, 0.1]
        cases.append((f"{p}pt skewed marginals", p, rng.choice(np.arange(1, p + 1), 500, p=skew), rng.choice(np.arange(1, p + 1), 500, p=skew)))
        cases.append((f"{p}pt one level everywhere", p, np.full(25, 3), np.full(25, 3)))
        cases.append((f"{p}pt rater gives one level, reference varies", p, np.full(60, 3), rng.integers(1, p + 1, 60)))
        cases.append((f"{p}pt n=1, same level", p, np.array([2]), np.array([2])))
        cases.append((f"{p}pt n=1, different levels", p, np.array([2]), np.array([p])))
        cases.append((f"{p}pt n=2", p, np.array([1, p]), np.array([2, p])))
    return cases


def kappa(rater, reference, points, weights):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        k = float(cohen_kappa_score(rater, reference, weights=weights, labels=list(range(1, points + 1))))
    return {"value": None, "reason": "no_variation"} if math.isnan(k) else {"value": k}


def level_case(name, points, rater, reference):
    rater = np.asarray(rater, dtype=np.int64)
    reference = np.asarray(reference, dtype=np.int64)
    diff = rater - reference
    labels = list(range(1, points + 1))
    return {
        "name": name,
        "points": points,
        "rater": rater.tolist(),
        "reference": reference.tolist(),
        "expected": {
            "n": int(len(rater)),
            "confusion": confusion_matrix(rater, reference, labels=labels).tolist(),
            "exact": float(np.mean(diff == 0)),
            "adjacent": float(np.mean(np.abs(diff) <= 1)),
            "within2": float(np.mean(np.abs(diff) <= 2)),
            "maxDiscrepancy": int(np.max(np.abs(diff))),
            "meanDifference": float(np.mean(diff)),
            "kappa": {
                "unweighted": kappa(rater, reference, points, None),
                "linear": kappa(rater, reference, points, "linear"),
                "quadratic": kappa(rater, reference, points, "quadratic"),
            },
        },
    }


def decision_cases(rng):
    a = rng.integers(0, 2, 120)
    b = np.where(rng.random(120) < 0.8, a, 1 - a)
    return [
        ("mostly the same, n=120", a, b),
        ("all earned on both sides", np.ones(30, dtype=np.int64), np.ones(30, dtype=np.int64)),
        ("always opposite", a[:50], 1 - a[:50]),
        ("n=1", np.array([1]), np.array([0])),
    ]


def decision_case(name, rater, reference):
    rater = np.asarray(rater, dtype=np.int64)
    reference = np.asarray(reference, dtype=np.int64)
    # labels=[0, 1] keeps the 2 × 2 table even when one decision never occurs.
    [[neither, reference_only], [rater_only, both]] = confusion_matrix(rater, reference, labels=[0, 1]).tolist()
    return {
        "name": name,
        "rater": rater.tolist(),
        "reference": reference.tolist(),
        "expected": {
            "n": int(len(rater)),
            "agreement": float(accuracy_score(reference, rater)),
            "counts": {"both": both, "neither": neither, "raterOnly": rater_only, "referenceOnly": reference_only},
        },
    }


def build():
    rng = np.random.default_rng(SEED)
    return {
        "generator": "scripts/stats-fixtures.py",
        "seed": SEED,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "levels": [level_case(*c) for c in level_cases(rng)],
        "decisions": [decision_case(*c) for c in decision_cases(rng)],
    }


def render(data):
    """One case per line: the file diffs readably and stays small."""
    head = {k: v for k, v in data.items() if k not in ("levels", "decisions")}
    lines = [json.dumps(head)[:-1] + ","]
    for key in ("levels", "decisions"):
        cases = [json.dumps(c, separators=(",", ":")) for c in data[key]]
        lines.append(f'"{key}": [\n' + ",\n".join(cases) + "\n]" + ("," if key == "levels" else ""))
    return "\n".join(lines) + "\n}\n"


def main():
    text = render(build())
    json.loads(text)
    if "--check" in sys.argv[1:]:
        if OUT.read_text() != text:
            sys.exit(f"{OUT} differs from what this script generates now; rerun it without --check")
        print(f"{OUT} is up to date")
        return
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
