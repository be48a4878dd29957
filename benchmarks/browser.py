"""The explorers in a real browser: the servers, the page probes, the timings.

Shared by the browser test (tests/test_browser.py, which checks what the pages
show) and by the benchmark of the demo (benchmarks/demo.py, which times them).

* Servers run on 127.0.0.1 with a token, in a temporary HOME, each with the
  port it bound itself: JupyterLab is given port 0 and its runtime file says
  which port the system chose; the demo (scripts/demo.py, what ``make demo``
  runs) tries a random free port and the ports after it and writes the URL it
  bound to a file. Nothing chooses a port that another program could take
  before the server binds it.
* The browser is the chromium on PATH (``scripts/ensure-chromium`` installs
  Debian's), driven by Playwright, headless.
* A latency is measured in the page, from the key press on a slider handle to
  the first moment after the figure's new image has loaded and the browser has
  painted a frame with it: key press to new pixels.
"""

import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
FIGURE = "img.logreg-figure"

# Installed in the page: when a key goes down, and when the figure's image has loaded a
# new picture and a frame has been painted after it (a task queued from the next
# animation frame runs once that frame is painted).
PROBE = """
() => {
  const img = document.querySelector('img.logreg-figure');
  window.__probe = {down: 0, painted: 0, loads: 0};
  document.addEventListener('keydown', () => { window.__probe.down = performance.now(); }, true);
  img.addEventListener('load', () => {
    window.__probe.loads += 1;
    requestAnimationFrame(() => setTimeout(() => { window.__probe.painted = performance.now(); }));
  });
}
"""


class BrowserError(RuntimeError):
    """A server or the browser did not do what was asked; the message says what and why."""


def chromium():
    """The chromium that scripts/ensure-chromium found or installed on PATH."""
    path = shutil.which("chromium")
    if path is None:
        raise BrowserError("chromium is not on PATH, so the browser checks cannot run. "
                           "scripts/ensure-chromium installs Debian's (make test runs it).")
    return path


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium(), headless=True,
                                      args=CHROMIUM_FLAGS)


# ---------------------------------------------------------------- servers


def server_env(root):
    """Environment for the servers: a temporary HOME and Jupyter folders under ``root``.

    The venv's own share/jupyter (sys.prefix) is still searched by Jupyter, so the
    ipywidgets extension loads. JupyterLab keeps its default settings, except that it
    fetches no news and looks for no updates.
    """
    root = Path(root)
    env = dict(os.environ)
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "MPLBACKEND"):
        env.pop(name, None)
    env.update(
        HOME=str(root),
        JUPYTER_CONFIG_DIR=str(root / ".jupyter"),
        JUPYTER_DATA_DIR=str(root / ".local/share/jupyter"),
        JUPYTER_RUNTIME_DIR=str(root / ".local/share/jupyter/runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(root / ".jupyter/lab/user-settings"),
        IPYTHONDIR=str(root / ".ipython"),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        PYTHONUNBUFFERED="1",
    )
    settings = root / ".jupyter/lab/user-settings/@jupyterlab"
    for plugin, values in {
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return env


class Server:
    """A server process with its log; ``stop()`` ends it and every process it started."""

    def __init__(self, argv, env, log, cwd=REPO):
        self.log = Path(log)
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.url = None

    def tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def check(self):
        if self.process.poll() is not None:
            raise BrowserError(f"the server exited with {self.process.returncode}:\n"
                               f"{self.tail()}")

    def stop(self):
        import psutil

        try:
            family = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            family = []
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        for child in family:
            try:
                child.terminate()
            except psutil.NoSuchProcess:
                continue
        _, alive = psutil.wait_procs(family, timeout=5)
        for child in alive:
            child.kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _wait(condition, server, what, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        server.check()
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise BrowserError(f"{what} within {timeout} s:\n{server.tail()}")


def start_lab(root_dir, env, log, timeout=120):
    """JupyterLab on ``root_dir``; its ``url`` is the base URL, ``token`` its token."""
    token = secrets.token_hex(16)
    runtime = Path(env["JUPYTER_RUNTIME_DIR"])
    argv = [
        str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", "--ServerApp.port=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
        "--LabApp.news_url=None", "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    server = Server(argv, env, log)
    server.token = token

    def info():  # the runtime file the server writes once it listens
        for path in runtime.glob(f"jpserver-{server.process.pid}.json"):
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                return None  # being written
        return None

    try:
        found = _wait(info, server, "JupyterLab did not say where it listens", timeout)
        server.url = f"http://127.0.0.1:{found['port']}"
    except BaseException:
        server.stop()
        raise
    return server


def shutdown_kernels(server):
    """Ask JupyterLab to stop its kernels before it is stopped itself."""
    headers = {"Authorization": f"token {server.token}"}
    try:
        with urllib.request.urlopen(urllib.request.Request(
                f"{server.url}/api/kernels", headers=headers), timeout=5) as r:
            kernels = json.load(r)
        for kernel in kernels:
            request = urllib.request.Request(f"{server.url}/api/kernels/{kernel['id']}",
                                             method="DELETE", headers=headers)
            urllib.request.urlopen(request, timeout=10).close()
    except OSError:
        pass  # the processes are stopped anyway


def start_demo(env, log, app=None, via_make=False, timeout=120):
    """The demo (``scripts/demo.py``, or ``make demo`` itself); ``url`` is the URL it prints.

    Started at ``server.started`` (time.monotonic()).
    """
    url_file = Path(log).with_suffix(".url")
    url_file.unlink(missing_ok=True)
    port = 20000 + secrets.randbelow(20000)  # or the next free one: the demo says which
    args = ["--port", str(port), "--url-file", str(url_file)]
    if via_make:
        argv = ["make", "--no-print-directory", "demo", f"APP={app or ''}",
                f"DEMO_ARGS={' '.join(args)}"]
    else:
        argv = [sys.executable, str(REPO / "scripts/demo.py"), *([app] if app else []), *args]
    started = time.monotonic()
    server = Server(argv, env, log)
    server.started = started
    try:
        server.url = _wait(lambda: url_file.exists() and url_file.read_text().strip(), server,
                           "the demo printed no URL", timeout)
    except BaseException:
        server.stop()
        raise
    return server


def app_url(server, app):
    """The URL of one app of a demo started without an app (the start page's link)."""
    base, _, query = server.url.partition("?")
    return f"{base.rstrip('/')}/voila/render/{app}.ipynb?{query}"


# ---------------------------------------------------------------- pages


def offline(page):
    """Refuse (and record) every request that would leave this machine."""
    page.outside = []

    def refuse(route):
        page.outside.append(route.request.url)
        route.abort()

    page.route(lambda url: urllib.parse.urlsplit(url).hostname not in LOCAL_HOSTS, refuse)


def wait_for_explorer(page, timeout=120_000):
    """Wait until the explorer's figure has loaded and its sliders are on the page."""
    page.wait_for_selector(FIGURE, state="visible", timeout=timeout)
    page.wait_for_function(
        "() => { const img = document.querySelector('img.logreg-figure');"
        " return img.complete && img.naturalWidth > 0"
        " && document.querySelectorAll('.widget-slider .noUi-handle').length >= 2; }",
        timeout=timeout)


def figure_halves(page):
    """A fingerprint of the left and of the right half of the figure's pixels, as shown."""
    return page.evaluate("""() => {
      const img = document.querySelector('img.logreg-figure');
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      const half = (x0, x1) => {
        const data = context.getImageData(x0, 0, x1 - x0, canvas.height).data;
        let sum = 0;
        for (let i = 0; i < data.length; i += 4) {
          sum = (sum * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) % 1000000007;
        }
        return sum;
      };
      const w = canvas.width;
      return [half(0, Math.floor(0.45 * w)), half(Math.ceil(0.55 * w), w)];
    }""")


def move(page, slider, moves, key="ArrowRight", each=None, timeout=30_000):
    """Press ``key`` on the handle of slider number ``slider``, ``moves`` times.

    Before each press the previous update has been painted. ``each(page)`` runs
    after each update (a check). Returns the latency of each move in ms.
    """
    handle = page.locator(".widget-slider .noUi-handle").nth(slider)
    latencies = []
    for _ in range(moves):
        page.evaluate("() => { window.__probe.painted = 0; window.__probe.down = 0; }")
        handle.focus()
        page.keyboard.press(key)
        page.wait_for_function("() => window.__probe.down > 0"
                               " && window.__probe.painted > window.__probe.down",
                               timeout=timeout)
        latencies.append(page.evaluate("() => window.__probe.painted - window.__probe.down"))
        if each is not None:
            each(page)
    return latencies


def summary(latencies):
    """Median and 90th percentile (ms) of a list of latencies, and how many there were."""
    ordered = sorted(latencies)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return {"median": statistics.median(ordered), "p90": p90, "n": len(ordered),
            "max": ordered[-1]}


# ---------------------------------------------------------------- JupyterLab


def open_in_lab(page, server, path, timeout=120_000):
    """Open a notebook in JupyterLab and wait until its kernel is ready."""
    page.goto(f"{server.url}/lab/tree/{path}?reset&token={server.token}")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=timeout)
    page.evaluate("""async () => {
      const panel = window.jupyterapp.shell.currentWidget;
      await panel.context.ready;
      await panel.sessionContext.ready;
    }""")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", state="visible", timeout=timeout)


def cell_sources(page):
    """The source of every cell of the notebook open in JupyterLab, in order."""
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                         ".map(cell => cell.model.sharedModel.getSource())")


def activate_cell(page, index):
    """Make cell ``index`` the notebook's active cell, scrolled into view; return its element.

    JupyterLab keeps only the cells near the view in the page, so a cell is found by
    its place in the notebook, not among the page's elements.
    """
    page.evaluate("""async (index) => {
      const notebook = window.jupyterapp.shell.currentWidget.content;
      notebook.activeCellIndex = index;
      await notebook.scrollToItem(index, 'center');
    }""", index)
    cell = page.locator(".jp-Notebook .jp-Cell.jp-mod-active")
    cell.wait_for(state="visible")
    return cell.element_handle()


def run_all(page, timeout=180_000):
    """Clear the outputs, run every cell, and return when the last one has finished.

    The end is the promise of JupyterLab's own "run all cells" command, which
    settles when every cell has run: no waiting for a "busy" indicator that a
    fast kernel may never show, and no menu that a pop-up could cover.
    """
    ok = page.evaluate("""async (timeout) => {
      const app = window.jupyterapp;
      await app.commands.execute('notebook:clear-all-cell-outputs');
      const ran = app.commands.execute('notebook:run-all-cells');
      const late = new Promise((_, fail) => setTimeout(
        () => fail(new Error('the cells did not finish in ' + timeout / 1000 + ' s')), timeout));
      return await Promise.race([ran, late]);
    }""", timeout)
    if ok is False:
        raise BrowserError("JupyterLab says a cell failed while running all cells")
