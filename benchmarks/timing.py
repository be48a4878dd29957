"""Timing on a shared machine: interleaved repetitions, minimums and paired ratios.

Absolute times drift when other programs use the cores, so every comparison
here is a ratio between functions timed in the same run. Each round times
every function once (in a rotating order), so a burst of load from elsewhere
hits all of them alike. We report the minimum over rounds (the run least
disturbed by others, as ``timeit`` recommends) and the median, and judge a
ratio by the minimums.
"""

import gc
import statistics
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Seconds per call of one function, one entry per round."""

    times: tuple

    @property
    def best(self):
        return min(self.times)

    @property
    def median(self):
        return statistics.median(self.times)


def loops_for(func, min_seconds):
    """How many calls in a row make one timed sample last at least ``min_seconds``."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            func()
        if time.perf_counter() - start >= min_seconds or number >= 1 << 20:
            return number
        number *= 2


def interleaved(funcs, rounds, min_seconds=0.002, number=None, settle=False):
    """Time several functions in alternation.

    Parameters
    ----------
    funcs : dict of str -> callable
        The functions to compare, called without arguments.
    rounds : int
        How many samples of each function.
    min_seconds : float
        A sample repeats a fast function until it lasts this long, so that the
        clock's resolution and the per-call jitter do not dominate. Finding
        that count also warms the function up (caches, lazy imports).
    number : dict of str -> int, optional
        Calls per sample for some functions, given instead of measured: those
        are neither warmed up nor called more often than ``rounds * number``.
    settle : bool
        Call each function once, untimed, before each of its samples, so that a
        sample starts as a run of repeated calls does: after the same function.
        The function before it in the alternation can leave the machine busy for a
        while (OpenBLAS's threads spin after a multithreaded product before they
        sleep, and on two cores they take one from the next function).

    Returns
    -------
    dict of str -> Timing
        Seconds per call.
    """
    names = list(funcs)
    number = dict(number or {})
    for name in names:
        if name not in number:
            number[name] = loops_for(funcs[name], min_seconds)
    samples = {name: [] for name in names}
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for r in range(rounds):
            shift = r % len(names)
            for name in names[shift:] + names[:shift]:
                func, n = funcs[name], number[name]
                if settle:
                    func()
                start = time.perf_counter()
                for _ in range(n):
                    func()
                samples[name].append((time.perf_counter() - start) / n)
    finally:
        if gc_was_enabled:
            gc.enable()
    return {name: Timing(tuple(samples[name])) for name in names}


def ratio(timings, numerator, denominator):
    """(best ratio, median of the per-round ratios) of two functions timed together."""
    a, b = timings[numerator].times, timings[denominator].times
    best = min(a) / min(b)
    paired = statistics.median(x / y for x, y in zip(a, b, strict=True))
    return best, paired


def format_seconds(seconds):
    """A time with a unit a reader can take in at a glance: 12.3 µs, 4.56 ms, 1.23 s."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale or unit == "ns":
            value = seconds / scale
            digits = 0 if value >= 100 else 1 if value >= 10 else 2
            return f"{value:.{digits}f} {unit}"
