"""`python -m bench [NAME...]`: run the benchmarks, print a table and one JSON line per figure, and write
them all to bench/results.json. Exits 1 when a figure misses its goal, 2 when a benchmark cannot run."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from . import BENCHMARKS, Config  # noqa: E402
from .dataset import DataDirs  # noqa: E402
from .harness import Result  # noqa: E402

HERE = Path(__file__).resolve().parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"benchmarks to run (default: all of "
                        f"{', '.join(BENCHMARKS)})")
    parser.add_argument("--tenders", type=int, default=10_000, help="tenders in the large database (10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the median is kept (5)")
    parser.add_argument("--edits", type=int, default=1000, help="autosave edits (1000)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json", help="where to write the results")
    parser.add_argument("--cache-dir", type=Path, default=HERE / ".cache",
                        help="where generated databases are kept between runs (bench/.cache)")
    return parser


def table(results: list[Result]) -> str:
    head = f"{'benchmark':<14}{'value':>11}{'floor':>11}{'ratio':>8}  {'goal':<18}{'':4}"
    lines = [head, "-" * len(head)]
    for r in results:
        floor = "" if r.floor is None else f"{r.floor:.3g}"
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        lines.append(f"{r.bench:<14}{r.value:>8.3g} {r.unit:<2}{floor:>11}{ratio:>8}  {r.goal:<18}"
                     f"{'info' if r.informational else 'ok' if r.met else 'MISSED'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        print(f"bench: no benchmark called {', '.join(unknown)} (there are: {', '.join(BENCHMARKS)})",
              file=sys.stderr)
        return 2
    names = args.names or list(BENCHMARKS)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="sv-bench-") as work:
        data = DataDirs(Path(work), args.cache_dir)
        config = Config(Path(work), data, args.tenders, args.repeat, args.edits)
        for name in names:
            print(f"running {name}...", file=sys.stderr, flush=True)
            for result in BENCHMARKS[name](config):
                results.append(result)
                print(json.dumps(result.as_json()), flush=True)
    print()
    print(table(results))
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "system": platform.platform(),
                    "cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]},
        "results": [r.as_json() for r in results],
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    missed = [r.bench for r in results if not r.met]
    if missed:
        print(f"\nMissed: {', '.join(missed)} (see docs/performance.md)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
