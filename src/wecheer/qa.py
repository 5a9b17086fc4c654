"""Read the source-QA results (`wecheer__source_qa`) and render them for people and machines."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from wecheer.errors import EXIT_CHECK_FAILED, EXIT_OK, EXIT_WARNED
from wecheer.paths import no_warehouse_message

QA_TABLE = "wecheer__source_qa"
STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}


class QaUnavailable(Exception):
    """The warehouse has no QA results (not built yet, or the wrong file)."""


@dataclass(frozen=True)
class CheckResult:
    check_name: str
    status: str
    failing_rows: int
    total_rows: int
    detail: str
    checked_at: datetime | None

    @property
    def share(self) -> float:
        return self.failing_rows / self.total_rows if self.total_rows else 0.0


def read_results(db: str | Path) -> list[CheckResult]:
    """All checks from the warehouse, read-only, in the model's check order."""
    import duckdb

    path = Path(db)
    if not path.exists():
        raise QaUnavailable(no_warehouse_message(path))
    with duckdb.connect(str(path), read_only=True) as con:
        schemas = [
            row[0]
            for row in con.execute(
                "select table_schema from information_schema.tables where table_name = ? "
                "order by table_schema = 'main' desc, table_schema",
                [QA_TABLE],
            ).fetchall()
        ]
        if not schemas:
            raise QaUnavailable(f"{path} has no {QA_TABLE}")
        rows = con.execute(
            "select check_name, status, failing_rows, total_rows, detail, checked_at "
            f'from "{schemas[0]}"."{QA_TABLE}" order by check_order, check_name'
        ).fetchall()
    return [
        CheckResult(name, status, int(failing or 0), int(total or 0), detail or "", at)
        for name, status, failing, total, detail, at in rows
    ]


def exit_code(results: list[CheckResult], strict: bool = False) -> int:
    """2 when any check fails; with strict, 1 when any warns; else 0."""
    statuses = {result.status for result in results}
    if "fail" in statuses:
        return EXIT_CHECK_FAILED
    if strict and "warn" in statuses:
        return EXIT_WARNED
    return EXIT_OK


def _summary(results: list[CheckResult]) -> str:
    counts = {status: sum(r.status == status for r in results) for status in STATUS_ORDER}
    return f"{counts['pass']} passed, {counts['warn']} warned, {counts['fail']} failed"


_COLOURS = {"pass": "\033[32m", "warn": "\033[33m", "fail": "\033[31m"}
_RESET = "\033[0m"


def render_text(results: list[CheckResult], colour: bool = False) -> str:
    """One line per check, worst first, then the detail sentence indented."""
    width = max((len(r.check_name) for r in results), default=10)
    lines = ["Wecheer source QA", ""]
    for result in sorted(results, key=lambda r: STATUS_ORDER.get(r.status, 3)):
        label = result.status.upper().ljust(4)
        if colour:
            label = f"{_COLOURS.get(result.status, '')}{label}{_RESET}"
        counts = f"{result.failing_rows:>9,} / {result.total_rows:<11,}"
        lines.append(f"{label}  {result.check_name.ljust(width)}  {counts}")
        if result.status != "pass" and result.detail:
            lines.append(f"      {result.detail}")
    lines += ["", _summary(results)]
    return "\n".join(lines) + "\n"


def render_markdown(results: list[CheckResult]) -> str:
    lines = [
        "# Wecheer source QA",
        "",
        "| check | status | failing rows | total rows | detail |",
        "|---|---|---:|---:|---|",
    ]
    for r in results:
        detail = r.detail.replace("|", "\\|")
        lines.append(
            f"| `{r.check_name}` | {r.status} | {r.failing_rows:,} | {r.total_rows:,} | {detail} |"
        )
    lines += ["", f"{_summary(results)}."]
    return "\n".join(lines) + "\n"


def render_json(results: list[CheckResult]) -> str:
    payload = {
        "summary": {s: sum(r.status == s for r in results) for s in STATUS_ORDER},
        "checks": [
            {**asdict(r), "checked_at": r.checked_at.isoformat() if r.checked_at else None}
            for r in results
        ],
    }
    return json.dumps(payload, indent=2) + "\n"
