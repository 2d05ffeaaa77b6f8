"""`argkg serve`: a SPARQL 1.1 Protocol endpoint over a build, with a query page that works
offline.

argkg writes no server of its own: it runs Oxigraph's (`oxigraph serve-read-only`, from the
`oxigraph` package on PyPI) on the build's store. Read-only, the union of the discussions'
named graphs as the default graph (see store.py), a time limit per query, and bound to
127.0.0.1 unless told otherwise. The query page (YASGUI) is bundled with the server and
needs no network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from argkg.errors import ArgkgError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
_READY_WAIT_S = 15.0


def server_executable() -> str:
    """The `oxigraph` program installed with argkg (beside this Python, else on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ArgkgError("the 'oxigraph' server is not installed; "
                         "reinstall argkg (pip install argkg) to get it")
    return found


def server_command(store: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                   timeout_s: int = DEFAULT_TIMEOUT_S) -> list[str]:
    return [server_executable(), "serve-read-only", "--location", str(store),
            "--bind", f"{host}:{port}", "--timeout-s", str(timeout_s)]


def start_server(store: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 timeout_s: int = DEFAULT_TIMEOUT_S) -> subprocess.Popen:
    """Start the server and return once it answers; the caller stops it."""
    process = subprocess.Popen(server_command(store, host, port, timeout_s),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_ready(f"http://{host}:{port}/", process)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process


def wait_until_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + _READY_WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            problem = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
            raise ArgkgError("the SPARQL server stopped: "
                             + (problem[-1] if problem else f"exit code {process.returncode}"))
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise ArgkgError(f"the SPARQL server did not answer at {url} within {_READY_WAIT_S:.0f} s")
