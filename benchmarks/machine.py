"""What the numbers were measured on: CPU, cores, numpy's BLAS and its threads."""

import os
import platform


def cpu_model():
    """The CPU's name from /proc/cpuinfo (Linux), else what ``platform`` knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def caches():
    """The CPU's caches, e.g. "L1d 32K, L2 1024K, L3 32768K" (Linux only)."""
    base = "/sys/devices/system/cpu/cpu0/cache"
    found = []
    try:
        for entry in sorted(os.listdir(base)):
            def read(name, entry=entry):
                with open(os.path.join(base, entry, name), encoding="utf-8") as f:
                    return f.read().strip()

            if entry.startswith("index") and read("type") != "Instruction":
                suffix = "d" if read("type") == "Data" else ""
                found.append(f"L{read('level')}{suffix} {read('size')}")
    except OSError:
        pass
    return ", ".join(found) or "unknown"


def blas():
    """numpy's BLAS: (name and version, threads it uses, kernel architecture)."""
    import numpy as np

    name = "unknown BLAS"
    try:
        info = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        name = f"{info.get('name', 'BLAS')} {info.get('version', '')}".strip()
    except Exception:  # the layout of show_config changes between numpy versions
        pass
    threads, arch = "?", ""
    try:
        from threadpoolctl import threadpool_info

        numpy_dir = os.path.dirname(np.__file__)
        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        # the BLAS that numpy loaded lives next to numpy (numpy.libs), not scipy's copy
        pools.sort(key=lambda p: os.path.dirname(numpy_dir) not in p.get("filepath", ""))
        if pools:
            threads = pools[0].get("num_threads", "?")
            arch = pools[0].get("architecture") or ""
    except ImportError:
        pass
    return name, threads, arch


def describe():
    """A dict of the facts a reader needs to compare our numbers with theirs."""
    import numpy as np

    name, threads, arch = blas()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        import sklearn

        sklearn_version = sklearn.__version__
    except ImportError:
        sklearn_version = "not installed"
    return {
        "CPU": cpu_model(),
        "cores": f"{os.cpu_count()} ({usable} usable by this process)",
        "BLAS": f"{name}" + (f", {arch} kernels" if arch else "") + f", {threads} threads",
        "caches (per core, L3 shared)": caches(),
        "Python": platform.python_version(),
        "numpy": np.__version__,
        "scikit-learn": sklearn_version,
        "OS": f"{platform.system()} {platform.release()}",
    }


def one_line(info):
    """The machine in one line, printed under every table."""
    return f"Machine: {info['CPU']}, {info['cores'].split()[0]} cores, {info['BLAS']}."


def _cpu_ticks():
    """(busy, steal) seconds of all CPUs since boot, from /proc/stat; None elsewhere."""
    try:
        with open("/proc/stat", encoding="utf-8") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


class OtherLoad:
    """How much CPU other programs used while the ``with`` block ran.

    ``others`` is the CPU time used by every other process as a fraction of
    all cores over the block's wall time; ``steal`` the fraction the
    hypervisor gave to other virtual machines. Both None where /proc/stat is
    missing.
    """

    others = steal = None

    def __enter__(self):
        import time

        self._start = (time.perf_counter(), _cpu_ticks(), os.times())
        return self

    def __exit__(self, *exc):
        import time

        wall0, ticks0, own0 = self._start
        wall, ticks, own = time.perf_counter() - wall0, _cpu_ticks(), os.times()
        if ticks is None or ticks0 is None or wall <= 0:
            return False
        cores = os.cpu_count() or 1
        ours = (own.user - own0.user) + (own.system - own0.system)
        self.others = max(0.0, (ticks[0] - ticks0[0] - ours) / (wall * cores))
        self.steal = (ticks[1] - ticks0[1]) / (wall * cores)
        return False
