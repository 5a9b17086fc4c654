"""A throwaway PostgreSQL server for the cross-engine tests (Debian's `postgresql` package).

`make test` installs the package when it is missing (as root, like chromium); without the
binaries the engine tests are skipped with that reason.
"""

from __future__ import annotations

import pytest

from wecheer.engines.postgres import PgConnection, pg_bin_dir, throwaway_server


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
