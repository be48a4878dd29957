"""The alpha/iterations playground as an app without code, for the classroom: ``make demo``.

Voilà runs notebooks/04_learning_rate_and_iterations.ipynb in a fresh kernel and
shows the cells tagged "demo" (the title, what to try, the playground) with the
"classroom" template of scripts/demo/voila/templates/: large type, and no file
fetched from the internet, so it works in a room without a connection.

It listens on 127.0.0.1 only and asks for a token; open the URL it prints.
Stop it with Ctrl+C.

    python scripts/demo.py [--port 8866] [--token TOKEN]
"""

import argparse
import os
import secrets
import socket
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "04_learning_rate_and_iterations.ipynb"
TEMPLATES = REPO / "scripts" / "demo"  # a Jupyter data directory holding voila/templates/classroom


def free_port(preferred=8866):
    """``preferred`` when nothing listens there, else a free port chosen by the system."""
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port on 127.0.0.1")


def voila_argv(port, token):
    """Voilà's command line for the demo (the token is passed in-process, not in ``ps``)."""
    return [
        str(NOTEBOOK),
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",  # fail rather than serve elsewhere than the printed URL
        f"--Voila.token={token}",
        "--Voila.open_browser=False",
        "--VoilaConfiguration.template=classroom",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.show_tracebacks=False",
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None, help="default: 8866 if free")
    parser.add_argument("--token", default=None, help="default: a new random token")
    args = parser.parse_args(argv)
    port = args.port or free_port()
    token = args.token or secrets.token_urlsafe(24)

    # Voilà finds templates in the Jupyter data path; put the classroom template first.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(TEMPLATES), os.environ.get("JUPYTER_PATH", "")) if p
    )
    print(
        "\nThe playground is starting (the first page takes a few seconds: it runs the notebook)."
        f"\nOpen this URL in a browser on this computer:\n\n    http://127.0.0.1:{port}/?token={token}\n",
        flush=True,
    )

    from voila.app import Voila

    Voila.launch_instance(argv=voila_argv(port, token))


if __name__ == "__main__":
    sys.exit(main())
