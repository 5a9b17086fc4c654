"""The README a newcomer reads: short, and its tables match the project they describe.

The marts table lists every public mart, the vars table every declared var with its default, the
exit-code table every code of `wecheer.errors`, and the command list every `wecheer` command. A
mart, var, code or command added without its line in the README fails here, and so does a line
about one that no longer exists.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from wecheer import errors
from wecheer.cli import build_parser
from wecheer.paths import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"
MAX_README_BYTES = 12_000
# where the project reads vars: models, macros, tests and their YAML
VAR_READERS = ("models", "macros", "tests/dbt", "analyses")
VAR_CALL = re.compile(r"""\bvar\(\s*['"](\w+)['"]\s*(?:,\s*([^()]*?))?\s*\)""")
# removed vars: declared null so that every var read is declared, left out of the README; the
# package reads one only to stop a build that sets it with "var <name> is gone"
REMOVED_VARS = ("wecheer_hash_pii",)


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The README's text under `## <title>`, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", _readme(), re.M | re.S)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def _table_rows(text: str) -> list[list[str]]:
    """The cells of every body row of the markdown tables in `text` (header and rule skipped)."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip("|"))]
        rows.append(cells)
    # each table's first row is its header
    return [row for row in rows if row[0] not in ("mart", "var", "code", "check")]


def _names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _public_marts() -> set[str]:
    return {path.stem for path in (PROJECT_ROOT / "models" / "marts").rglob("wecheer__*.sql")}


def _declared_vars() -> dict:
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    return project.get("vars") or {}


def _read_vars() -> dict[str, set[str]]:
    """Every var the project reads, with the literal defaults its `var()` calls give."""
    found: dict[str, set[str]] = {}
    for folder in VAR_READERS:
        for path in (PROJECT_ROOT / folder).rglob("*"):
            if path.suffix not in (".sql", ".yml", ".md"):
                continue
            for name, default in VAR_CALL.findall(path.read_text(encoding="utf-8")):
                found.setdefault(name, set())
                if default:
                    found[name].add(default.strip())
    return found


def _jinja_literal(text: str):
    """A default written in a `var()` call (`15`, `'tracks'`, `none`, `{}`) as Python."""
    return ast.literal_eval({"none": "None", "true": "True", "false": "False"}.get(text, text))


def _as_readme_default(value) -> str | None:
    """How the vars table shows a default; None for a structured one (described in words)."""
    if value is None:
        return "`null`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (dict, list)):
        return None if value else f"`{'{}' if isinstance(value, dict) else '[]'}`"
    return f"`{value}`"


def _vars_table() -> dict[str, str]:
    """var name -> its default cell, from the README's vars table."""
    table = {}
    for row in _table_rows(_section("Vars")):
        for name in _names(row[0]):
            assert name not in table, f"var {name} has two lines in the README"
            table[name] = row[1]
    return table


def test_readme_is_short_enough_to_read():
    size = README.stat().st_size
    assert size < MAX_README_BYTES, f"README.md is {size} bytes; keep it under 12 KB"


def test_marts_table_lists_every_public_mart_once():
    listed = [name for row in _table_rows(_section("Public marts")) for name in _names(row[0])]
    assert len(listed) == len(set(listed)), "a mart has two lines"
    assert sorted(listed) == sorted(_public_marts())


def test_every_var_read_is_declared_with_the_default_its_var_calls_give():
    """A declared var overrides every `var(name, default)` call's default: an undeclared var is
    invisible to users and to `dbt_project.yml`'s readers, and a call whose default differs from
    the declared value says something untrue. Structured examples (wecheer_funnels) are
    declared on purpose instead of the calls' empty default."""
    declared = _declared_vars()
    read = _read_vars()
    missing = sorted(set(read) - set(declared))
    assert not missing, f"vars read but not declared under vars: in dbt_project.yml: {missing}"
    for name, defaults in read.items():
        if _as_readme_default(declared[name]) is None:
            continue
        given = {repr(_jinja_literal(text)) for text in defaults}
        assert given <= {repr(declared[name])}, (
            f"{name}: declared {declared[name]!r}, var() calls default to {sorted(given)}"
        )


@pytest.mark.parametrize("name", REMOVED_VARS)
def test_a_removed_var_is_declared_null_and_stops_a_build_that_sets_it(name):
    assert name in _declared_vars() and _declared_vars()[name] is None
    macros = [path.read_text(encoding="utf-8") for path in (PROJECT_ROOT / "macros").rglob("*.sql")]
    assert any(f"var {name} is gone" in text for text in macros)


def test_vars_table_lists_every_declared_var_with_its_default():
    table = _vars_table()
    declared = {name: value for name, value in _declared_vars().items() if name not in REMOVED_VARS}
    assert set(declared) <= set(table), (
        f"vars missing from the README: {set(declared) - set(table)}"
    )
    for name, value in declared.items():
        shown = _as_readme_default(value)
        if shown is not None:
            assert table[name] == shown, (
                f"README shows {name} = {table[name]}, dbt_project.yml {shown}"
            )


def test_vars_table_names_only_declared_vars_the_project_reads():
    table = _vars_table()
    unknown = set(table) - set(_declared_vars())
    assert not unknown, f"README documents vars dbt_project.yml does not declare: {unknown}"
    unread = set(table) - set(_read_vars())
    assert not unread, f"README documents vars the project does not read: {unread}"


def test_exit_code_table_is_the_cli_exit_codes():
    codes = {
        value
        for name, value in vars(errors).items()
        if name.startswith("EXIT_") and isinstance(value, int)
    }
    rows = [row for row in _table_rows(_section("Install the command")) if row[0].isdigit()]
    assert sorted(int(row[0]) for row in rows) == sorted(codes)


def test_every_wecheer_command_is_named():
    parser = build_parser()
    commands = next(
        action.choices for action in parser._actions if getattr(action, "choices", None)
    )
    section = _section("Install the command")
    missing = [name for name in commands if f"`{name}`" not in section]
    assert not missing, f"commands missing from the README: {missing}"


def test_the_two_commands_are_make_targets():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    section = _section("Two commands")
    for target in ("demo", "test"):
        assert f"make {target}" in section
        assert re.search(rf"^{target}:", makefile, re.M), f"Makefile has no target {target}"


@pytest.mark.parametrize("doc", [README, CHANGELOG], ids=lambda path: Path(path).name)
def test_user_docs_do_not_talk_about_issues_or_commits(doc):
    text = doc.read_text(encoding="utf-8")
    assert not re.search(r"\bissues? #?\d+|#\d{1,4}\b", text, re.I)
    hashes = re.findall(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b", text)
    assert not hashes, f"commit-like hashes in {doc.name}: {hashes}"
