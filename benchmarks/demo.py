"""Claims 7 and 8: the classroom demo starts quickly and answers in a real browser.

* Startup: from ``make demo`` (``make demo APP=graph``, ``APP=playground``, or
  the start page and a click on its first app) to the first usable page: the
  explorer's figure loaded and its sliders on the page. The browser is
  already running; the clock starts when ``make`` is started.
* Latency: in the browser, from a key press on a slider handle to the first
  frame painted with the new figure (benchmarks/browser.py), for the two apps
  of the demo and for notebook 04's playground in JupyterLab. Each press
  waits for the previous update, as a hand on the keyboard does.

Both need chromium (``scripts/ensure-chromium``). Quick mode starts the demo
once, with its start page, and moves each app's sliders a few times; it does
not start JupyterLab.
"""

import functools
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from . import browser as B
from .machine import OtherLoad
from .report import Claim, table

STARTUP_TARGET = 8.0  # seconds
MEDIAN_TARGET, P90_TARGET = 100.0, 200.0  # ms
NOTEBOOK_04 = "04_learning_rate_and_iterations.ipynb"


def _moves(page, app, quick):
    """Move an app's sliders; the latencies (ms) by slider."""
    B.wait_for_explorer(page)
    page.evaluate(B.PROBE)
    n = 3 if quick else 30
    if app == "graph":  # sliders: x1, x2, w1, w2, b
        # w1 starts at 0.5 of a range -3 to 3: downwards it has room for 35 moves
        return {"w1": B.move(page, 2, n, key="ArrowLeft"), "b": B.move(page, 4, max(2, n // 3))}
    return {"α": B.move(page, 0, n), "iterations": B.move(page, 1, max(2, 2 * n // 3))}


def _start(browser, env, root, app, runs):
    """Seconds from ``make demo`` to the first usable page, and the last server (still up)."""
    seconds, server = [], None
    for run in range(runs):
        if server is not None:
            server.stop()
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        B.offline(page)
        server = B.start_demo(env, root / f"demo-{app or 'all'}-{run}.log", app=app,
                              via_make=True)
        try:
            page.goto(server.url, timeout=120_000)
            if app is None:  # the start page, then its first app
                page.locator("a.classroom-app").first.click()
            B.wait_for_explorer(page)
            seconds.append(time.monotonic() - server.started)
            if page.outside:
                raise B.BrowserError(f"the demo asked the internet for {page.outside}")
        except BaseException:
            server.stop()
            raise
        finally:
            page.close()
    return seconds, server


@functools.lru_cache(maxsize=2)
def measure(quick):
    """Everything both claims need, measured once per mode."""
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    env = B.server_env(root)
    startups, latencies, load = {}, {}, None
    try:
        with sync_playwright() as playwright:
            browser = B.launch(playwright)
            try:
                runs = 1 if quick else 3
                for app in ([] if quick else ["graph", "playground"]):
                    startups[f"`make demo APP={app}`"], server = _start(browser, env, root, app,
                                                                        runs)
                    server.stop()
                startups["`make demo`, then the start page's first app"], server = _start(
                    browser, env, root, None, runs)
                with OtherLoad() as load:
                    try:
                        for app in ("graph", "playground"):
                            page = browser.new_page(viewport={"width": 1280, "height": 720})
                            page.goto(B.app_url(server, app), timeout=120_000)
                            latencies[f"demo, {app}"] = _moves(page, app, quick)
                            page.close()
                    finally:
                        server.stop()
                    if not quick:
                        latencies["JupyterLab, notebook 04"] = _in_lab(browser, env, root)
            finally:
                browser.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return startups, latencies, load


def _in_lab(browser, env, root):
    folder = root / "lab"
    folder.mkdir()
    shutil.copy(B.REPO / "notebooks" / NOTEBOOK_04, folder / NOTEBOOK_04)
    server = B.start_lab(folder, env, root / "lab.log")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        B.open_in_lab(page, server, NOTEBOOK_04)
        B.run_all(page)
        page.locator(B.FIGURE).scroll_into_view_if_needed()
        found = _moves(page, "playground", quick=False)
        page.close()
        return found
    finally:
        B.shutdown_kernels(server)
        server.stop()


def _unavailable(quick, name, how, target, error):
    """A claim that could not be measured: missed in a full run; quick mode raises."""
    if quick:
        raise error
    return Claim(name=name, how=how, measured="—", target=target, met=False,
                 details=f"Could not measure: {error}", note=f"could not measure: {error}")


STARTUP_NAME = "the demo starts quickly"
STARTUP_HOW = ("seconds from starting `make demo` to the first usable page (figure and "
               "sliders shown) in chromium")
STARTUP_WANTED = f"under {STARTUP_TARGET:.0f} s"
LATENCY_NAME = "the demo answers in the browser"
LATENCY_HOW = ("key press on a slider to the first frame painted with the new figure, in "
               "chromium: the demo's two apps and notebook 04 in JupyterLab")
LATENCY_WANTED = (f"median at most {MEDIAN_TARGET:.0f} ms, 90th percentile at most "
                  f"{P90_TARGET:.0f} ms, each")


def startup(quick, machine_line):
    try:
        startups, _, _ = measure(quick)
    except (B.BrowserError, OSError) as error:
        return _unavailable(quick, STARTUP_NAME, STARTUP_HOW, STARTUP_WANTED, error)
    medians = {what: statistics.median(s) for what, s in startups.items()}
    rows = [(what, ", ".join(f"{x:.1f} s" for x in s), f"{medians[what]:.1f} s")
            for what, s in startups.items()]
    details = "\n".join([
        "The demo is started with `make`, as a teacher starts it, while chromium is already "
        "running; the time runs until the app's figure has loaded and its sliders are on the "
        "page. Voilà runs each app in a kernel started with the server (preheated), so the "
        "page is ready as soon as that kernel is.",
        "",
        table(("started with", "each run", "median"), rows),
        "",
        machine_line,
    ])
    slowest = max(medians, key=medians.get)
    return Claim(
        name=STARTUP_NAME, how=STARTUP_HOW,
        measured=", ".join(f"{v:.1f} s" for v in medians.values())
        + (" (one start)" if quick else " (medians)"),
        target=STARTUP_WANTED,
        met=None if quick else medians[slowest] < STARTUP_TARGET,
        details=details,
        note="quick mode" if quick else f"the slowest: {slowest}",
    )


def latency(quick, machine_line):
    try:
        _, latencies, load = measure(quick)
    except (B.BrowserError, OSError) as error:
        return _unavailable(quick, LATENCY_NAME, LATENCY_HOW, LATENCY_WANTED, error)
    rows, verdicts = [], {}
    for where, by_slider in latencies.items():
        every = [x for xs in by_slider.values() for x in xs]
        s = B.summary(every)
        verdicts[where] = s
        rows.append((f"**{where}**", f"{s['median']:.0f} ms", f"{s['p90']:.0f} ms",
                     f"{s['max']:.0f} ms", s["n"]))
        for slider, xs in by_slider.items():
            t = B.summary(xs)
            rows.append((f"{where}: the {slider} slider", f"{t['median']:.0f} ms",
                         f"{t['p90']:.0f} ms", f"{t['max']:.0f} ms", t["n"]))
    others = "—" if load is None or load.others is None else f"{load.others:.0%}"
    details = "\n".join([
        "Each press of an arrow key on a slider's handle waits for the previous update to be "
        "painted. The time runs from the key press to the first frame painted after the new "
        "image has loaded: the browser sends the move, the kernel updates the figure and "
        "encodes it, the server relays it, the browser decodes and paints it.",
        "",
        table(("where", "median", "90th percentile", "slowest", "moves"), rows),
        "",
        f"CPU used by other programs during these moves: {others} of the machine.",
        "",
        machine_line,
    ])
    met = all(s["median"] <= MEDIAN_TARGET and s["p90"] <= P90_TARGET
              for s in verdicts.values())
    return Claim(
        name=LATENCY_NAME, how=LATENCY_HOW,
        measured="; ".join(f"{w}: {s['median']:.0f} / {s['p90']:.0f} ms"
                           for w, s in verdicts.items()) + " (median / 90th percentile"
        + ("; the demo only, a few moves)" if quick else ")"),
        target=LATENCY_WANTED,
        met=None if quick else met,
        details=details,
        note="quick mode" if quick else "",
    )
