"""Run the tests in the numerical environments of other machines, from one x86-64 machine.

Machines differ in the last bits of their arithmetic: numpy picks its SIMD code (exp, sums)
from the CPU at run time, OpenBLAS picks its kernels from the CPU, and the number of threads
changes the order of a sum. A notebook output that depends on those bits passes nbval on the
machine that wrote it and fails on the next one. Numpy and OpenBLAS read environment variables
at start-up that imitate other machines, and the Jupyter kernels nbval starts inherit them:

    NPY_DISABLE_CPU_FEATURES   turn off numpy's dispatched SIMD groups (X86_V3 = AVX2, ...)
    OPENBLAS_CORETYPE          OpenBLAS kernels for another CPU (Haswell, Sandybridge, ...)
    OPENBLAS_NUM_THREADS       BLAS threads (OMP_NUM_THREADS is set to the same number)

Each configuration below prints a header with what it sets, then starts a kernel exactly as
nbval does and reports what numpy and OpenBLAS run with inside it. A setting that this machine
cannot take, or that did not take effect in the kernel, fails that configuration; nothing is
skipped. Then pytest runs (every notebook under notebooks/, found by pytest, so new ones are
included). All configurations run; the summary at the end lists each with its time, and the
exit status is 1 if any failed.

    python scripts/numeric_environments.py --oldest .venv-oldest/bin/python
    python scripts/numeric_environments.py --only baseline-sandybridge   # one configuration
    python scripts/numeric_environments.py --paths notebooks/03_vectorization.ipynb

``make test`` runs all of them. To add a configuration, add a line to ``configurations``.
"""

import argparse
import json
import os
import platform
import re
import resource
import shlex
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIABLES = ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS",
             "OMP_NUM_THREADS")
# numpy feature names that OpenBLAS kernels for each core type need
CORETYPE_NEEDS = {"Nehalem": ("SSE42",), "Sandybridge": ("AVX",), "Haswell": ("AVX2", "FMA3")}
WIDTH = 78


# The notebooks run side by side, one per worker, one worker per core (pytest-xdist; nbval
# runs all of a notebook's cells in order in one worker when the tests are grouped by file).
SIDE_BY_SIDE = ("-n", "auto", "--dist", "loadfile")


@dataclass
class Configuration:
    id: str
    title: str
    numpy: str = "native"  # "baseline": every dispatched SIMD group off; "no-avx512": those off
    coretype: str | None = None
    threads: int | None = None
    python: str = sys.executable
    pytest_args: tuple = ("notebooks", *SIDE_BY_SIDE)
    constraints: str | None = None  # a pip constraints file whose pins must be what is installed
    notes: list = field(default_factory=list)


def configurations(oldest_python):
    """The runs of ``make test``, in order. Together they cover every setting at least once."""
    runs = [
        Configuration("native", "this machine as it is: module tests, notebooks, browser, "
                      "benchmarks", pytest_args=()),
        Configuration("baseline-sandybridge", "an old CPU: numpy's baseline SIMD only, OpenBLAS "
                      "Sandybridge kernels, 1 thread", numpy="baseline", coretype="Sandybridge",
                      threads=1),
        Configuration("avx2-haswell", "an AVX2 laptop: numpy without AVX-512, OpenBLAS Haswell "
                      "kernels, 2 threads", numpy="no-avx512", coretype="Haswell", threads=2),
        Configuration("baseline-nehalem", "a CPU without AVX: numpy's baseline SIMD only, "
                      "OpenBLAS Nehalem kernels, 2 threads", numpy="baseline", coretype="Nehalem",
                      threads=2),
    ]
    if oldest_python:
        runs.append(Configuration(
            "oldest", "the oldest versions pyproject.toml allows: module tests and notebooks",
            python=oldest_python, constraints="constraints-oldest.txt",
            pytest_args=("tests", "notebooks", "--ignore=tests/test_browser.py", *SIDE_BY_SIDE)))
    return runs


# ---------------------------------------------------------------- what a process runs with


def report():
    """What numpy, OpenBLAS and OpenMP run with in this process (the notebooks' imports)."""
    import numpy
    import scipy
    import sklearn.linear_model  # loads scipy's OpenBLAS and scikit-learn's OpenMP
    import threadpoolctl

    try:
        from numpy._core import _multiarray_umath as umath
    except ImportError:  # numpy 1.x
        from numpy.core import _multiarray_umath as umath
    return {
        "python": sys.executable,
        "versions": {"numpy": numpy.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__},
        "env": {name: os.environ.get(name) for name in VARIABLES},
        "dispatch": list(umath.__cpu_dispatch__),
        "features": {name: bool(on) for name, on in umath.__cpu_features__.items()},
        "pools": [{"api": p["internal_api"], "library": os.path.basename(p["filepath"]),
                   "architecture": p.get("architecture"), "threads": p["num_threads"]}
                  for p in sorted(threadpoolctl.threadpool_info(), key=lambda p: p["filepath"])],
        "installed": {name: installed(name) for name in requirement_names()},
    }


def installed(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def requirement_names():
    """Every package pyproject.toml names, in its dependencies and extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"], *sum(project["optional-dependencies"].values(), [])]
    return [re.split(r"[<>=!~ \[;]", r, maxsplit=1)[0] for r in requirements]


def print_report():
    print(json.dumps(report()))


def kernel_report():
    """``report()`` from inside a kernel started the way nbval starts it (--nbval-current-env)."""
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME, start_new_kernel

    km, kc = start_new_kernel(startup_timeout=120, kernel_name=CURRENT_ENV_KERNEL_NAME,
                              stderr=subprocess.DEVNULL, cwd=str(ROOT / "notebooks"))
    printed, errors = [], []

    def collect(msg):
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            errors.append("\n".join(msg["content"]["traceback"]))

    try:
        code = f"import runpy; runpy.run_path({str(Path(__file__).resolve())!r})['print_report']()"
        kc.execute_interactive(code, output_hook=collect, timeout=120)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if errors:
        raise SystemExit("the kernel could not report its environment:\n" + "\n".join(errors))
    print("".join(printed).strip().splitlines()[-1])


def ask(python, mode, env):
    """Run this script as ``python script --mode`` in ``env`` and return the JSON it prints."""
    done = subprocess.run([python, __file__, mode], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    if done.returncode != 0:
        raise Failure(f"{Path(python)} {mode} failed:\n{done.stderr.strip()[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Failure(Exception):
    """This configuration cannot be set here, or did not take effect."""


# ---------------------------------------------------------------- one configuration


def environment(config, machine):
    """The variables ``config`` sets, given what numpy on this machine dispatches and has."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        if config.numpy != "native" or config.coretype:
            raise Failure(f"these settings are defined for x86-64 CPUs; this one is "
                          f"{platform.machine()}, so this configuration cannot be set here")
    present = [f for f in machine["dispatch"] if machine["features"].get(f)]
    settings = {}
    if config.numpy == "baseline":
        if not present:
            raise Failure(
                f"numpy {machine['versions']['numpy']} dispatches {machine['dispatch']} and this "
                "CPU has none of them: nothing can be turned off, so this configuration cannot "
                "be set here")
        settings["NPY_DISABLE_CPU_FEATURES"] = " ".join(present)
    elif config.numpy == "no-avx512":
        avx512 = [f for f in present if f.startswith("AVX512") or f == "X86_V4"]
        if avx512:
            settings["NPY_DISABLE_CPU_FEATURES"] = " ".join(avx512)
        else:
            config.notes.append("numpy: this CPU has no AVX-512, so numpy keeps its full dispatch "
                                f"({' '.join(present) or 'baseline only'})")
    if config.coretype:
        missing = [f for f in CORETYPE_NEEDS[config.coretype]
                   if not machine["features"].get(f)]
        if missing:
            raise Failure(f"OpenBLAS {config.coretype} kernels need {' '.join(missing)}, which "
                          "this CPU lacks, so this configuration cannot be set here")
        settings["OPENBLAS_CORETYPE"] = config.coretype
    if config.threads:
        settings["OPENBLAS_NUM_THREADS"] = settings["OMP_NUM_THREADS"] = str(config.threads)
    return settings


def check(config, settings, parent_env, kernel):
    """Raise Failure unless the kernel runs with ``settings`` in effect."""
    problems = []
    for name in VARIABLES:
        if kernel["env"][name] != parent_env.get(name):
            problems.append(f"{name} is {kernel['env'][name]!r} in the kernel but "
                            f"{parent_env.get(name)!r} in pytest: the kernel did not inherit it")
    if Path(kernel["python"]).resolve() != Path(config.python).resolve():
        problems.append(f"the kernel runs {kernel['python']}, not {config.python}")
    for feature in settings.get("NPY_DISABLE_CPU_FEATURES", "").split():
        if kernel["features"].get(feature, True):
            problems.append(f"numpy in the kernel still uses {feature}")
    blas = [p for p in kernel["pools"] if p["api"] == "openblas"]
    if config.coretype or config.threads:
        if not blas:
            problems.append("no OpenBLAS is loaded in the kernel, so its kernels and threads "
                            f"cannot be set: {kernel['pools']}")
    if config.coretype:
        for p in blas:
            if (p["architecture"] or "").lower() != config.coretype.lower():
                problems.append(f"{p['library']} runs {p['architecture']} kernels, not "
                                f"{config.coretype}")
    if config.threads:
        for p in kernel["pools"]:
            if p["api"] in ("openblas", "openmp") and p["threads"] != config.threads:
                problems.append(f"{p['library']} runs {p['threads']} threads, not "
                                f"{config.threads}")
    if config.constraints:
        from packaging.version import Version

        for line in (ROOT / config.constraints).read_text().splitlines():
            name, _, pinned = line.split("#", 1)[0].strip().partition("==")
            if name:
                found = kernel["installed"].get(name)
                if found is None or Version(found) != Version(pinned):
                    problems.append(f"{config.constraints} pins {name}=={pinned}, but the kernel's "
                                    f"environment has {found}")
    if problems:
        raise Failure("the settings did not take effect in the kernel:\n  - "
                      + "\n  - ".join(problems))


def describe(kernel):
    versions = ", ".join(f"{k} {v}" for k, v in kernel["versions"].items())
    off = [f for f in kernel["dispatch"] if not kernel["features"].get(f)]
    on = [f for f in kernel["dispatch"] if kernel["features"].get(f)]
    pools = "; ".join(f"{p['library']}: {p['architecture'] or p['api']}, {p['threads']} "
                      f"thread{'s' if p['threads'] != 1 else ''}" for p in kernel["pools"])
    return [versions,
            f"numpy SIMD in use: {' '.join(on) or 'baseline only'}"
            + (f"; off or absent: {' '.join(off)}" if off else ""),
            pools]


def run(number, total, config, tests=True):
    print(f"\n{'=' * WIDTH}\n[{number}/{total}] {config.id}: {config.title}", flush=True)
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env = dict(os.environ) if config.id == "native" else clean
    command = [config.python, "-m", "pytest", *config.pytest_args]
    try:
        machine = ask(config.python, "--report", clean)
        settings = {} if config.id == "native" else environment(config, machine)
        env.update(settings)
        shown = " ".join(f"{k}={shlex.quote(v)}" for k, v in settings.items())
        print(f"  sets     {shown or 'nothing (the machine as it is)'}")
        for note in config.notes:
            print(f"  note     {note}")
        print(f"  python   {config.python}")
        kernel = ask(config.python, "--kernel-report", env)
        check(config, settings, env, kernel)
        for label, line in zip(("kernel", "", ""), describe(kernel)):
            print(f"  {label:8} {line}")
        if config.constraints:
            print(f"  pins     {' '.join(f'{k}=={v}' for k, v in kernel['installed'].items())}")
        print(f"  runs     python {shlex.join(command[1:])}")
    except Failure as e:
        print("=" * WIDTH + f"\nFAILED: {e}", flush=True)
        return False, 0.0, 0.0
    print("=" * WIDTH, flush=True)
    if not tests:
        return True, 0.0, 0.0
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return done.returncode == 0, wall, cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oldest", metavar="PYTHON",
                        help="the python of the venv that holds the oldest allowed versions")
    parser.add_argument("--only", nargs="+", metavar="ID", help="run only these configurations")
    parser.add_argument("--paths", nargs="+", metavar="PATH",
                        help="test only these files or folders (say, one notebook) in each run")
    parser.add_argument("--no-tests", action="store_true",
                        help="set and check each configuration in a kernel, but run no tests")
    parser.add_argument("--report", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--kernel-report", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.report:
        return print_report()
    if args.kernel_report:
        return kernel_report()

    runs = configurations(args.oldest)
    if args.only:
        unknown = set(args.only) - {c.id for c in runs}
        if unknown:
            parser.error(f"unknown configuration {sorted(unknown)}; known: "
                         f"{[c.id for c in runs]}")
        runs = [c for c in runs if c.id in args.only]
    if args.paths:
        for config in runs:
            config.pytest_args = tuple(args.paths)
    results = [(c, *run(i, len(runs), c, not args.no_tests)) for i, c in enumerate(runs, 1)]

    print("\n" + "=" * WIDTH + "\nSummary (wall time, and CPU time of the test processes)")
    for config, passed, wall, cpu in results:
        verdict = "passed" if passed else "FAILED"
        print(f"  {verdict:7} {wall:6.0f} s wall {cpu:6.0f} s CPU   {config.id}: {config.title}")
    return 0 if all(passed for _, passed, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
