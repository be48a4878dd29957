"""Run the benchmarks: ``python -m benchmarks [--quick] [--out DIR] [--only NAME ...]``.

Exits with status 1 when a full run misses a target (after writing the results).
"""

import argparse
import os
import sys
import tempfile
import time

from . import (
    bandwidth,
    dask_stream,
    demo,
    imports,
    loop,
    machine,
    memory,
    notebooks,
    numpy_path,
    out_of_core,
    peer,
    playground,
    report,
)

HERE = os.path.dirname(os.path.abspath(__file__))
# The order, which the results follow: name -> run(quick, machine_line) -> Claim.
CLAIMS = {
    "loop": loop.run,
    "bandwidth": bandwidth.run,
    "peer": peer.run,
    "memory": memory.run,
    "notebooks": notebooks.run,
    "playground": playground.run,
    "startup": demo.startup,
    "browser": demo.latency,
    "imports": imports.run,
    "numpy_path": numpy_path.run,
    "dask_stream": dask_stream.run,
    "out_of_core": out_of_core.run,
}
# The notebooks run last: they take longest, and read files that change most often.
RUN_ORDER = ("loop", "bandwidth", "peer", "memory", "playground", "startup", "browser",
             "imports", "numpy_path", "dask_stream", "out_of_core", "notebooks")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes, a few seconds: checks the benchmarks run, judges nothing")
    parser.add_argument("--out", help="folder for results.md and results.png (default: "
                        "benchmarks/ for a full run, a new temporary folder for --quick "
                        "or --only)")
    parser.add_argument("--only", nargs="+", choices=list(CLAIMS), metavar="NAME",
                        help=f"run only these claims: {', '.join(CLAIMS)}")
    args = parser.parse_args(argv)
    # only a full run of every claim replaces the results kept in the repository
    partial = args.quick or args.only
    out = args.out or (tempfile.mkdtemp(prefix="benchmarks-") if partial else HERE)
    os.makedirs(out, exist_ok=True)
    md_path, png_path = os.path.join(out, "results.md"), os.path.join(out, "results.png")

    info = machine.describe()
    line = machine.one_line(info)
    print(line, file=sys.stderr)
    started, t0, load0 = report.utcnow(), time.perf_counter(), os.getloadavg()[0]
    results = {}
    for key in RUN_ORDER:
        if args.only and key not in args.only:
            continue
        print(f"[{time.perf_counter() - t0:6.1f} s] {key} ...", file=sys.stderr, flush=True)
        if key == "loop":
            claim = loop.run(args.quick, line, png_path)
        else:
            claim = CLAIMS[key](args.quick, line)
        print(f"           {claim.name}: {claim.measured} -> {claim.verdict}", file=sys.stderr,
              flush=True)
        results[key] = claim
    claims = [results[key] for key in CLAIMS if key in results]  # in the order
    load = f"{load0:.2f}, {os.getloadavg()[0]:.2f}"
    text = report.markdown(claims, info, args.quick, started, time.perf_counter() - t0, load)
    report.write(md_path, text)
    print(f"wrote {md_path}" + (f" and {png_path}" if "loop" in results else ""))
    missed = [c.name for c in claims if c.met is False]
    if missed:
        print("missed: " + "; ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
