"""What the project installs: pyproject.toml, environment.yml and constraints-oldest.txt agree on
every lower bound, and the environment `make` builds holds the project's Jupyter settings."""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement):
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return {_name(r): r.replace(" ", "")[len(_name(r)):] for r in reqs}


def conda_requirements():
    reqs = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.fullmatch(r"\s*-\s+([A-Za-z0-9_.-]+)\s*([<>=!].*)?", line)
        if match and match[1] not in ("python", "pip"):
            reqs[_name(match[1])] = (match[2] or "").replace(" ", "")
    return reqs


def test_environment_yml_and_pyproject_list_the_same_packages_and_bounds():
    assert conda_requirements() == pyproject_requirements()


def oldest_pins():
    pins = {}
    for line in (ROOT / "constraints-oldest.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, pinned = line.partition("==")
            assert sep and pinned, f"constraints-oldest.txt: {line!r} should read name==version"
            pins[_name(name)] = pinned
    return pins


def test_the_oldest_environment_pins_every_lower_bound_and_nothing_else():
    requirements = pyproject_requirements()
    assert oldest_pins() == {name: spec.removeprefix(">=") for name, spec in requirements.items()}


def test_every_requirement_has_a_lower_bound_and_no_pin():
    for name, spec in pyproject_requirements().items():
        assert spec.startswith(">="), f"{name} should have a lower bound, not {spec!r}"
        assert "==" not in spec


def test_environment_installs_the_package_itself():
    assert "--editable ." in (ROOT / "environment.yml").read_text()


def test_one_test_file_per_module_file():
    modules = {p.stem for p in (ROOT / "logreg_helpers").glob("*.py")} - {"__init__"}
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    assert modules <= tests, f"missing tests for {sorted(modules - tests)}"


def test_readme_example_prints_what_its_comments_say(capsys):
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    code = next(block for block in blocks if block.startswith("import logreg_helpers as lh"))
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    promised = [line.split("#", 1)[1].strip() for line in code.splitlines()
                if line.startswith("print(")]
    assert len(printed) == len(promised)
    for out, comment in zip(printed, promised):
        # the comment is the whole printed line, or the whole line, a colon and why
        assert out and (comment == out or comment.startswith(out + ": ")), (
            f"README promises {comment!r}, the code prints {out!r}")


def test_the_venv_holds_the_jupyter_settings_the_project_ships():
    shipped = [p for p in (ROOT / "jupyter-env").rglob("*") if p.is_file()]
    assert shipped
    for path in shipped:
        installed = Path(sys.prefix) / path.relative_to(ROOT / "jupyter-env")
        assert installed.is_file() and installed.read_bytes() == path.read_bytes(), (
            f"{installed} differs from {path.relative_to(ROOT)}: run `make setup`")


@pytest.fixture
def lab():
    """JupyterLab from this environment, as `make lab` starts it, with a temporary HOME.

    The HOME is short (/tmp/lab-XXXXXXXX) as most homes are: a kernel's Unix socket path
    must fit in 107 bytes. Yields the base URL, the token and the runtime directory.
    """
    home = Path(tempfile.mkdtemp(prefix="lab-", dir="/tmp"))
    runtime = home / ".local/share/jupyter/runtime"
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
               JUPYTER_RUNTIME_DIR=str(runtime), IPYTHONDIR=str(home / ".ipython"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    argv = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT / 'notebooks'}"]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    log = home / "lab.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, f"JupyterLab exited:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"JupyterLab did not start:\n{log.read_text()}"
            try:
                _api(base, token, "GET", "/api/status")
                break
            except OSError:
                time.sleep(0.3)
        yield base, token, runtime, log
    finally:
        server.send_signal(signal.SIGTERM)  # the server stops its kernels first
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(home, ignore_errors=True)


def _api(base, token, method, path, body=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_jupyterlab_asks_no_news_question_and_runs_kernels_over_unix_sockets(lab):
    base, token, runtime, log = lab
    # "Would you like to get notified about official Jupyter news?" is asked while fetchNews
    # is "none"; the project's environment sets it to "false", and a new user has no setting.
    plugin = _api(base, token, "GET",
                  "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert plugin["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert plugin["schema"]["properties"]["checkForUpdates"]["default"] is False
    assert "fetchNews" not in plugin["settings"]

    kernel = _api(base, token, "POST", "/api/kernels", {"name": "python3"})
    connection_file = runtime / f"kernel-{kernel['id']}.json"
    connection = json.loads(connection_file.read_text())
    assert connection["transport"] == "ipc"
    sockets = [Path(f"{connection['ip']}-{connection[name]}") for name in
               ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
    assert all(s.parent == runtime for s in sockets), sockets
    deadline = time.monotonic() + 90
    while not all(s.is_socket() for s in sockets):  # the kernel has bound them
        assert time.monotonic() < deadline, f"the kernel made no sockets:\n{log.read_text()}"
        time.sleep(0.3)
    # Run code in the kernel over those sockets; the server sees its status over its own.
    client = BlockingKernelClient(connection_file=str(connection_file))
    client.load_connection_file()
    client.start_channels()
    printed = []
    try:
        client.wait_for_ready(timeout=90)
        client.execute_interactive("print(6 * 7)", timeout=60, output_hook=lambda msg:
                                   printed.append(msg["content"].get("text", "")))
    finally:
        client.stop_channels()
    assert "".join(printed) == "42\n"
    deadline = time.monotonic() + 30
    while _api(base, token, "GET", f"/api/kernels/{kernel['id']}")["execution_state"] != "idle":
        assert time.monotonic() < deadline, f"the server saw no idle kernel:\n{log.read_text()}"
        time.sleep(0.3)
    assert "without encryption" not in log.read_text()
