"""Optional parts of the package are pip extras; a command that needs a missing one says, in one
line, which extra to install (exit code 3: the environment cannot run it)."""

from __future__ import annotations

import importlib.util

from wecheer.errors import EXIT_UNUSABLE, CliError

# extra -> modules it installs that the commands import
EXTRA_MODULES = {
    "postgres": ("psycopg2", "dbt.adapters.postgres"),
    "spark": ("pyspark", "dbt.adapters.spark"),
}
# dbt adapter type -> the extra that installs it (duckdb is in the runtime set)
ADAPTER_EXTRAS = {"postgres": "postgres", "spark": "spark"}


class MissingExtra(CliError):
    """A command needs an extra that is not installed (exit 3: the environment cannot run it)."""

    def __init__(self, message: str):
        super().__init__(message, None, EXIT_UNUSABLE)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def require_extra(extra: str) -> None:
    """Raise MissingExtra naming the pip command when a module of `extra` is not installed."""
    missing = [module for module in EXTRA_MODULES[extra] if not _installed(module)]
    if missing:
        raise MissingExtra(
            f"needs the {extra} extra ({missing[0]} is not installed): "
            f"pip install 'wecheer-analytics[{extra}]'"
        )


def require_adapter(adapter_type: str) -> None:
    """The extra of a dbt adapter type, when it has one."""
    if adapter_type in ADAPTER_EXTRAS:
        require_extra(ADAPTER_EXTRAS[adapter_type])
