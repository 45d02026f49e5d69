"""Reference quantiles for shared/stats/quantiles.ts, computed by numpy on seeded data.

Writes test/shared/fixtures/quantiles-numpy.json, which test/shared/stats-quantiles.test.ts
compares against to 1e-9 without needing Python. Run with Debian's python3-numpy:

    /usr/bin/python3 scripts/quantile-fixtures.py
"""

import json
from pathlib import Path

import numpy as np

SEED = 20261201
OUT = Path(__file__).resolve().parent.parent / "test" / "shared" / "fixtures" / "quantiles-numpy.json"
QS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1]


def case(name, values, limit):
    values = [float(v) for v in values]
    return {
        "name": name,
        "values": values,
        "limit": limit,
        "quantiles": {str(q): float(np.quantile(np.array(values), q)) for q in QS},
        "shareAtMost": float(np.mean(np.array(values) <= limit)),
    }


def main():
    rng = np.random.default_rng(SEED)
    cases = [
        case("n=1", [3.25], 3),
        case("n=2", [1.0, 8.0], 7),
        case("ties", [2, 2, 2, 5, 5, 9], 5),
        case("unsorted integers", rng.integers(0, 30, size=17).tolist(), 10),
        case("lognormal days, n=1000", rng.lognormal(1.5, 0.6, size=1000).tolist(), 7),
        case("exponential hours, n=4321", rng.exponential(30.0, size=4321).tolist(), 48),
    ]
    OUT.write_text(json.dumps({"numpy": np.__version__, "qs": QS, "cases": cases}) + "\n")


if __name__ == "__main__":
    main()
