"""A non-editable install works from any folder, on Python 3.11 and 3.12.

The wheel is built from this checkout (sdist, then the wheel from the sdist, as `uv build` and
PyPI do), installed into a fresh virtual environment with the runtime lock as constraints (no
extras), and the commands run from an empty folder: `wecheer --version`, `generate`, `build`,
`qa --format json` (and `report` on one Python). The dbt project, the event catalogue and the
notebooks come from the installed package; the warehouse, dbt's target/ and logs/ and the reports
land in the current folder, and nothing is written into site-packages.
"""

from __future__ import annotations

import datetime as dt
import glob
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from support import QA_CHECK_NAMES
from support.engines import EXPECTED_MARTS

from wecheer.paths import PROJECT_ROOT

RUNTIME_LOCK = PROJECT_ROOT / "requirements" / "runtime.lock"
VERSION = importlib.metadata.version("wecheer-analytics")
# what the runtime set must not bring (the extras: Spark, PostgreSQL, MetricFlow)
NOT_IN_RUNTIME = (
    "pyspark",
    "psycopg2",
    "dbt.adapters.postgres",
    "dbt.adapters.spark",
    "metricflow",
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


def _uv() -> str:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.skip("uv not found (it is in requirements/dev.lock: `make install`)")
    return uv


def _python(version: str) -> str | None:
    """An interpreter of that version: on PATH, else under pyenv."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}"))
    )
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [_uv(), "build", "--quiet", "--out-dir", str(out), str(PROJECT_ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("wecheer_analytics-*.whl")
    return built


def _site_packages_files(venv: Path) -> dict[str, int]:
    """{path: size} of the installed files; Python's own bytecode caches left out."""
    (site,) = venv.glob("lib/python3.*/site-packages")
    return {
        str(p.relative_to(site)): p.stat().st_size
        for p in site.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("version", ["3.11", "3.12"])
def test_installed_wheel_generates_builds_and_checks_from_an_empty_folder(wheel, tmp_path, version):
    python = _python(version)
    if python is None:
        pytest.skip(f"no Python {version} interpreter found (PATH, ~/.pyenv/versions)")
    uv = _uv()
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "--quiet", "--python", python, str(venv)], check=True)
    install = subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
         str(wheel), "-c", str(RUNTIME_LOCK)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    installed = _site_packages_files(venv)
    assert "wecheer/project/seeds/wecheer_event_catalog.csv" in installed
    assert "wecheer/project/dbt_project.yml" in installed

    work = tmp_path / "empty"
    work.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    # nothing of this checkout or of the developer's set-up: a user's shell in an empty folder
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}

    def wecheer(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(venv / "bin" / "wecheer"), *args],
            cwd=work, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    done = wecheer("--version")
    assert (done.returncode, done.stdout) == (0, f"wecheer-analytics {VERSION}\n")

    # the runtime set holds no extra; a command that needs one names it in one line
    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import importlib.util as u, sys; "
         "print([m for m in sys.argv[1:] if u.find_spec(m.split('.')[0]) and u.find_spec(m)])",
         *NOT_IN_RUNTIME],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert probe.stdout.strip() == "[]", probe.stdout + probe.stderr
    for args, extra in (
        (("load-postgres",), "postgres"),
        (("load-spark", "--lake", "lake"), "spark"),
        (("build", "--target", "postgres"), "postgres"),
        (("build", "--target", "spark"), "spark"),
    ):
        done = wecheer(*args)
        assert done.returncode == 3, (args, done.stderr)
        assert done.stdout == "" and len(done.stderr.splitlines()) == 1, done.stderr
        assert f"pip install 'wecheer-analytics[{extra}]'" in done.stderr

    # fresh, clean data: the QA must pass every check (freshness included)
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=7)).strftime("%Y-%m-%d")
    done = wecheer("generate", "--events", "5000", "--faults", "clean", "--start", start,
                   "--days", "7", "--quiet")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    db = work / "data" / "wecheer.duckdb"
    assert db.is_file()

    done = wecheer("build")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    done = wecheer("qa", "--format", "json")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert {c["check_name"] for c in report["checks"]} == QA_CHECK_NAMES
    assert report["summary"] == {"fail": 0, "warn": 0, "pass": len(QA_CHECK_NAMES)}

    with duckdb.connect(str(db), read_only=True) as con:
        marts = {
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'main' and starts_with(table_name, 'wecheer__')"
            ).fetchall()
        }
        events = con.execute("select count(*) from main.wecheer__events").fetchone()[0]
        truth = con.execute("select sum(unique_events) from wecheer_truth.event_counts")
        assert events == truth.fetchone()[0] > 4000
    assert marts == EXPECTED_MARTS, sorted(marts ^ EXPECTED_MARTS)

    if version == "3.11":  # the notebooks too (one Python is enough: papermill and nbconvert)
        done = wecheer("report")
        assert done.returncode == 0, done.stderr[-3000:]
        assert (work / "reports" / "campaign_report.html").stat().st_size > 10_000
        assert (work / "reports" / "source_qa.html").stat().st_size > 10_000

    # dbt's files in the user's folder, nothing new or changed in the installed package
    assert (work / "target" / "manifest.json").is_file()
    assert (work / "logs" / "dbt.log").is_file()
    assert _site_packages_files(venv) == installed
