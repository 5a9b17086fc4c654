"""The source-QA checks (seeds/wecheer_qa_checks.csv), read once: the only list of them.

The dbt models read the seed as a table; `wecheer qa --help`, the generator's truth and the tests
read it through `load_checks()`; the check tables in the README and in the dbt docs are
generated from it (`python -m wecheer.qa_checks` rewrites them, a test checks they match).
"""

from __future__ import annotations

import csv
import re
import sys
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wecheer.paths import CATALOG_CSV, PROJECT_ROOT

# beside the event catalogue, wherever the dbt project's seeds are
QA_CHECKS_CSV = CATALOG_CSV.with_name("wecheer_qa_checks.csv")
# files holding a generated check table, between the two marker lines
GENERATED_DOCS = ("README.md", "models/marts/qa/_wecheer__qa__docs.md")
_BEGIN = "<!-- qa-checks: from seeds/wecheer_qa_checks.csv, python -m wecheer.qa_checks -->"
_END = "<!-- qa-checks: end -->"


@dataclass(frozen=True)
class QaCheck:
    check_order: int
    check_name: str
    finds: str
    fail_share: float | None  # None: the check only warns
    is_injected_by_generator: bool
    description: str

    @property
    def fail_share_text(self) -> str:
        """The default fail share as people read it: `1%`, `0.1%`, or `-` (none)."""
        return "-" if self.fail_share is None else f"{self.fail_share * 100:g}%"


@cache
def load_checks() -> tuple[QaCheck, ...]:
    """Every check, in report order."""
    with QA_CHECKS_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    checks = [
        QaCheck(
            check_order=int(row["check_order"]),
            check_name=row["check_name"],
            finds=row["finds"],
            fail_share=float(row["fail_share"]) if row["fail_share"] else None,
            is_injected_by_generator=row["is_injected_by_generator"] == "true",
            description=row["description"],
        )
        for row in rows
    ]
    return tuple(sorted(checks, key=lambda check: check.check_order))


def check_names() -> tuple[str, ...]:
    return tuple(check.check_name for check in load_checks())


def markdown_table() -> str:
    """The check table of the docs: name, what it finds, default fail share."""
    lines = ["| check | finds | fail share |", "|---|---|---|"]
    for check in load_checks():
        finds = check.finds.replace("|", "\\|")
        lines.append(f"| `{check.check_name}` | {finds} | {check.fail_share_text} |")
    return "\n".join(lines) + "\n"


def help_text() -> str:
    """The checks for `wecheer qa --help`: one line each, with the default fail share."""
    width = max(len(check.check_name) for check in load_checks())
    indent = " " * (width + 10)
    return "\n".join(
        textwrap.fill(
            f"  {check.check_name.ljust(width)}  {check.fail_share_text.rjust(4)}  {check.finds}",
            width=92,
            subsequent_indent=indent,
        )
        for check in load_checks()
    )


def with_generated_table(text: str) -> str:
    """`text` with the block between the markers replaced by the current table."""
    block = re.compile(re.escape(_BEGIN) + r"\n.*?" + re.escape(_END), re.DOTALL)
    if not block.search(text):
        raise ValueError(f"no generated QA check table (marker {_BEGIN!r})")
    return block.sub(lambda _: f"{_BEGIN}\n{markdown_table()}{_END}", text)


def write_docs(root: Path = PROJECT_ROOT) -> list[Path]:
    """Rewrite the generated tables in the docs; returns the files that changed."""
    changed = []
    for name in GENERATED_DOCS:
        path = root / name
        text = path.read_text(encoding="utf-8")
        new = with_generated_table(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for path in write_docs():
        print(f"rewrote the QA check table in {path}", file=sys.stderr)
