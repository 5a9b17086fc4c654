"""Every error a user can cause, as one line with a hint and an exit code that scripts can rely on.

The one place that knows the exit codes and turns known exceptions (DuckDB's lock and file
errors, an unreachable PostgreSQL server, a folder that cannot be written, dbt's own errors and
failed nodes) into `CliError`s; `wecheer.cli.main` prints them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from wecheer.paths import no_warehouse_message

EXIT_OK = 0
EXIT_WARNED = 1  # --strict: a check warned
EXIT_CHECK_FAILED = 2  # a source check failed
EXIT_NOTHING_SELECTED = 2  # wecheer report: the selection matches no data (nothing to trust)
EXIT_UNUSABLE = 3  # the warehouse or the source is missing or unusable
EXIT_BUILD_FAILED = 4  # the dbt build itself failed
EXIT_REPORT_FAILED = 5  # a report notebook failed
EXIT_INTERNAL = 70  # a bug (sysexits' EX_SOFTWARE)
EXIT_USAGE = 64  # sysexits' EX_USAGE
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it

EXIT_CODES_HELP = """\
Exit codes: 0 done (every check passed or only warned); 1 with --strict, a check warned;
2 a source check failed (wecheer report: the selection matches no data); 3 the warehouse or
source is missing or unusable; 4 the dbt build itself failed; 5 a report notebook failed;
64 usage error; 130 interrupted."""

# dbt's own log of every run, where the one-line errors point for details
DBT_LOG = Path("logs") / "dbt.log"
# the generic dbt test that reports source-QA checks to dbt (tests on wecheer__source_qa)
QA_STATUS_TEST = "wecheer_no_qa_check_with_status"
PG_ENV_VARS = "WECHEER_PG_HOST, WECHEER_PG_PORT, WECHEER_PG_USER, WECHEER_PG_PASSWORD"


class CliError(Exception):
    """A failure the user can act on: printed as `wecheer <command>: error: <message> (<hint>)`."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        exit_code: int = EXIT_USAGE,
        prog: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
        self.prog = prog  # the command that failed, when known where it is raised

    def line(self, prog: str) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.prog or prog}: error: {self.message}{hint}"

    def as_dict(self) -> dict:
        return {"error": self.message, "hint": self.hint, "exit_code": self.exit_code}


def no_warehouse(db: str | os.PathLike[str]) -> CliError:
    return CliError(no_warehouse_message(db), None, EXIT_UNUSABLE)


def _first_line(text: str) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def _class_names(error: BaseException) -> set[str]:
    return {f"{cls.__module__}.{cls.__name__}" for cls in type(error).__mro__}


def _duckdb_error(error: BaseException) -> CliError:
    text = str(error)
    path = re.search(r'file "([^"]+)"', text) or re.search(r'database "([^"]+)"', text)
    where = path.group(1) if path else "the warehouse"
    if "Could not set lock" in text:
        pid = re.search(r"\(PID (\d+)\)", text)
        holder = f"stop PID {pid.group(1)}" if pid else "stop the process that holds it"
        return CliError(
            f"another process (a build, a notebook, a DuckDB shell) holds the warehouse {where}",
            f"wait for it to finish or {holder}",
            EXIT_UNUSABLE,
        )
    if "not a valid DuckDB database" in text:
        return CliError(
            f"{where} is not a DuckDB database",
            "point --db or WECHEER_DUCKDB at a warehouse file",
            EXIT_UNUSABLE,
        )
    if "database does not exist" in text:
        return no_warehouse(where)
    return CliError(f"DuckDB: {_first_line(text)}", None, EXIT_UNUSABLE)


def _postgres_unreachable(error: BaseException) -> CliError:
    from wecheer.engines.postgres import PgConnection

    server = PgConnection.from_env()
    reason = _first_line(error).rstrip(".")
    reason = reason.split(" failed: ", 1)[-1] if " failed: " in reason else reason
    return CliError(
        f"cannot connect to PostgreSQL at {server.host}:{server.port}: {reason}",
        f"start the server, or set {PG_ENV_VARS}",
        EXIT_UNUSABLE,
    )


def _dbt_message(text: str) -> str:
    """One line of a dbt error: the line after a heading like `Database Error` or
    `Runtime Error in model <name> (<path>)`, else the first."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        return ""
    if len(lines) > 1 and re.match(r"^[\w ]*Error( in \w+ .*)?$", lines[0]):
        return lines[1]
    return lines[0]


def from_exception(error: BaseException) -> CliError | None:
    """A known exception as a one-line CliError; None for one nobody expected (a bug)."""
    if isinstance(error, CliError):
        return error
    # Ctrl-C; DuckDB turns it into "Query interrupted" when it arrives during a query
    if isinstance(error, KeyboardInterrupt) or str(error) == "Query interrupted":
        return CliError("interrupted", "run it again", EXIT_INTERRUPTED)
    names = _class_names(error)
    if "_duckdb.Error" in names or "duckdb.Error" in names:
        return _duckdb_error(error)
    if "psycopg2.OperationalError" in names:
        return _postgres_unreachable(error)
    if "dbt.adapters.exceptions.connection.FailedToConnectError" in names:
        return CliError(
            f"dbt cannot connect to the warehouse: {_dbt_message(str(error))}",
            f"start the server, or check the target in profiles.yml ({PG_ENV_VARS} for PostgreSQL)",
            EXIT_UNUSABLE,
        )
    if "dbt.cli.exceptions.DbtUsageException" in names or any(
        name.startswith("click.exceptions.") for name in names
    ):
        return CliError(f"dbt: {_first_line(error)}", "see `dbt build --help`", EXIT_USAGE)
    if any(name.startswith(("dbt.", "dbt_common.")) for name in names):
        return CliError(
            f"dbt: {_dbt_message(str(error))}", f"details in {DBT_LOG}", EXIT_BUILD_FAILED
        )
    if isinstance(error, OSError) and error.strerror:
        where = f"cannot use {error.filename}: " if error.filename else ""
        return CliError(
            f"{where}{error.strerror}",
            "check the path, or choose a folder you can write (--db, --out, WECHEER_DUCKDB)",
            EXIT_UNUSABLE,
        )
    return None


def _is_qa_status_test(node) -> bool:
    metadata = getattr(node, "test_metadata", None)
    return getattr(metadata, "name", None) == QA_STATUS_TEST


def raise_for_dbt(result, checks_may_fail: bool = False) -> None:
    """Raise a one-line CliError when a dbt invocation failed.

    dbt's own error (bad option, no connection, a compile error) and a failed node (a model,
    seed, snapshot or unit test in error; a data test that failed) are the build failing (exit
    4, or the mapped code of a known cause). Failed source-QA checks (the tests on
    wecheer__source_qa) are exit 2 unless `checks_may_fail` (the caller reports them itself).
    """
    if result.exception is not None:
        error = from_exception(result.exception)
        raise error or CliError(
            f"dbt: {_dbt_message(str(result.exception))}",
            f"details in {DBT_LOG}",
            EXIT_BUILD_FAILED,
        )
    nodes: Iterable = getattr(result.result, "results", None) or []
    failed = [r for r in nodes if str(r.status) in ("error", "fail")]
    broken = [r for r in failed if not _is_qa_status_test(r.node)]
    # the cause first: a model or seed in error before the tests it made fail
    broken.sort(key=lambda r: str(r.node.resource_type) in ("test", "unit_test"))
    if broken:
        first = broken[0]
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        kind = str(first.node.resource_type).replace("_", " ")
        raise CliError(
            f"{kind} {first.node.name} failed: {_dbt_message(first.message or str(first.status))}"
            f"{more}",
            f"details in {DBT_LOG}",
            EXIT_BUILD_FAILED,
        )
    if failed and not checks_may_fail:
        checks = sum(int(r.failures or 0) for r in failed)
        raise CliError(
            f"the build is done, but {checks} source check(s) failed",
            "see `wecheer qa --no-build`",
            EXIT_CHECK_FAILED,
        )
    if not result.success and not failed:
        raise CliError("dbt failed without a message", f"details in {DBT_LOG}", EXIT_BUILD_FAILED)
