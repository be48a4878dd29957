"""The notebooks' explorers as apps without code, for the classroom: ``make demo``.

    make demo                 a start page that links every app
    make demo APP=graph       one app: graph or playground

The apps:

* ``graph``: one example's computation graph under sliders (notebook 01);
* ``playground``: the learning rate and the number of iterations, with the cost
  curve and the decision boundary (notebook 04).

Each app is made from its notebook when the demo starts, so the teaching
notebook stays the one source: the app's title, the notebook's first code cell
(its imports), its code cells tagged "demo" (the explorer), then its text cells
tagged "demo" (what to try), below the explorer so that the explorer fills the
first screen. Voilà shows it with the "classroom" template of
scripts/demo/voila/templates/: large type, the explorer and its figure on one
screen at 1280 × 720 or 1024 × 768, and no file fetched from the internet, so it
works in a room without a connection. Voilà starts a kernel for each app and
runs it before anyone asks (preheated kernels), so a page opens at once.

It listens on 127.0.0.1 only and asks for a token; open the URL it prints.
Stop it with Ctrl+C.

    python scripts/demo.py [APP] [--port 8866] [--token TOKEN] [--url-file FILE]
"""

import argparse
import asyncio
import atexit
import copy
import os
import secrets
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
TEMPLATES = REPO / "scripts" / "demo"  # a Jupyter data directory holding voila/templates/classroom


@dataclass(frozen=True)
class App:
    notebook: str
    title: str
    blurb: str


# In the order of the notebooks; the start page lists them so.
APPS = {
    "graph": App(
        "01_computation_graph.ipynb", "The computation graph",
        "One example through the forward and the backward pass: move x, w, b and y and "
        "watch every value and every derivative change (notebook 01)."),
    "playground": App(
        "04_learning_rate_and_iterations.ipynb", "The learning-rate playground",
        "Gradient descent under your hands: the learning rate α and the number of "
        "iterations, with the cost curve and the decision boundary (notebook 04)."),
}
TAG = "demo"
PREHEAT_WAIT = 60  # seconds: the URL is printed then even if a kernel has not started


def app_notebook(app):
    """The app's notebook: its title, the imports, the explorer, then what to try."""
    import nbformat

    source = nbformat.read(NOTEBOOKS / app.notebook, as_version=4)
    tagged = [cell for cell in source.cells if TAG in cell.metadata.get("tags", [])]
    imports = next(cell for cell in source.cells if cell.cell_type == "code")
    code = [imports] + [c for c in tagged if c.cell_type == "code" and c is not imports]
    # the notebook's own title and goals (a cell that opens with "# ") stay in the notebook
    text = [c for c in tagged if c.cell_type == "markdown" and not c.source.startswith("# ")]
    if len(code) < 2:
        raise SystemExit(f"{app.notebook} has no code cell tagged {TAG!r}: nothing to show.")
    cells = [nbformat.v4.new_markdown_cell(f"# {app.title}", metadata={"tags": [TAG]})]
    for cell in code + text:
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(source.metadata))


def write_apps(names, folder):
    """Write the apps' notebooks into ``folder`` as NAME.ipynb."""
    import nbformat

    for name in names:
        nbformat.write(app_notebook(APPS[name]), str(Path(folder) / f"{name}.ipynb"))


def voila_argv(target, port, token):
    """Voilà's command line for the demo (the token is passed in-process, not in ``ps``)."""
    return [
        str(target),
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
        "--Voila.port_retries=50",  # a busy port: the next free one (the URL says which)
        f"--Voila.token={token}",
        "--Voila.open_browser=True",  # i.e. print the URL once the port is bound (below)
        "--VoilaConfiguration.template=classroom",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.classic_tree=True",  # the start page is the template's tree.html
        # Start each app's kernel and run the app now, not when the page is asked for.
        "--VoilaConfiguration.preheat_kernel=True",
        "--VoilaConfiguration.default_pool_size=1",
        # After a page takes its kernel, start the next one at once. The next page (a
        # reload, a second screen) waits for that kernel however long it is delayed, so a
        # delay here is a delay in the classroom.
        "--VoilaKernelManager.fill_delay=0",
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", nargs="?", choices=list(APPS),
                        help="one app; without it, a start page links them all")
    parser.add_argument("--port", type=int, default=8866,
                        help="where to listen, or the next free port after it (default 8866)")
    parser.add_argument("--token", default=None, help="default: a new random token")
    parser.add_argument("--url-file", default=None,
                        help="also write the URL to this file once the server listens")
    args = parser.parse_args(argv)
    token = args.token or secrets.token_urlsafe(24)
    names = [args.app] if args.app else list(APPS)

    folder = tempfile.mkdtemp(prefix="logreg-demo-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    write_apps(names, folder)
    target = Path(folder) / f"{args.app}.ipynb" if args.app else Path(folder)

    # Voilà finds templates in the Jupyter data path; put the classroom template first.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(TEMPLATES), os.environ.get("JUPYTER_PATH", "")) if p
    )
    what = APPS[args.app].title if args.app else "The classroom demos"
    print(f"\n{what}: starting (the apps run in their kernels before the page opens).",
          flush=True)

    from tornado.ioloop import IOLoop
    from traitlets.config import Config
    from voila.app import Voila

    apps = {f"{name}.ipynb" for name in names}

    class ClassroomVoila(Voila):
        def launch_browser(self):
            """Called once the port is bound: say where the demo is (no browser is opened).

            Said once every app's kernel has started. Voilà gives a page its app's
            preheated kernel only from then on: a page asked for earlier would start a
            kernel of its own, and two kernels starting on a two-core laptop slow each other.
            """
            url = f"http://127.0.0.1:{self.port}/?token={token}"

            async def announce():
                waited = time.monotonic()
                while (not apps <= set(self.kernel_manager.notebook_data)
                       and time.monotonic() - waited < PREHEAT_WAIT):
                    await asyncio.sleep(0.05)
                print(f"Open this URL in a browser on this computer:\n\n    {url}\n", flush=True)
                if args.url_file:
                    Path(args.url_file).write_text(url + "\n", encoding="utf-8")

            IOLoop.current().add_callback(announce)

    config = Config()
    config.Voila.tornado_settings = {"jinja_template_vars": {"classroom_apps": [
        {"file": f"{name}.ipynb", "title": APPS[name].title, "blurb": APPS[name].blurb}
        for name in names
    ]}}
    ClassroomVoila.launch_instance(argv=voila_argv(target, args.port, token), config=config)


if __name__ == "__main__":
    sys.exit(main())
