"""A throwaway PostgreSQL server for the cross-engine tests (Debian's `postgresql` package).

`make test` installs the package when it is missing (as root, like chromium); without the
binaries the engine tests are skipped with that reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from wecheer.engines.postgres import PgConnection


@pytest.fixture(scope="session")
def pg_server() -> PgConnection:
    """A PostgreSQL cluster in a temp folder on 127.0.0.1 (free port, trust auth), for the
    whole session; stopped and deleted afterwards."""
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin): "
            "apt-get install postgresql, or run `make test`, which installs it"
        )
    with throwaway_server(bin_dir) as server:
        yield server


def pg_bin_dir() -> Path | None:
    """The directory of Debian's PostgreSQL server binaries (newest version), or None."""

    def version(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


@contextmanager
def throwaway_server(bin_dir: Path | None = None) -> Iterator[PgConnection]:
    """Start a PostgreSQL cluster in a temp folder on 127.0.0.1 (trust auth, socket in /tmp),
    yield where it listens, then stop it and delete the folder."""
    bin_dir = bin_dir or pg_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    root = Path(tempfile.mkdtemp(prefix="wecheer_pg_", dir="/tmp"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()
    log = root / "server.log"
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
        )
        opts = (
            f"-h 127.0.0.1 -p {port} -k {sock} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=20 -c TimeZone=UTC"
        )
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-o",
                    opts,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        conn = PgConnection(port=port)
        _wait_ready(conn)
        yield conn
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user(
                    [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
                ),
                capture_output=True,
            )
        shutil.rmtree(root, ignore_errors=True)


def _wait_ready(conn: PgConnection, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.connect().close()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
