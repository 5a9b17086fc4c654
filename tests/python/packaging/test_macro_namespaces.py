"""Every call from one macro of the package to another names the package (`wecheer.<macro>(...)`).

A macro runs in the namespace of the node that calls it: when a team's model calls
`{{ wecheer.wecheer_funnel('x') }}`, an unqualified call inside wecheer_funnel looks for the
helper in the team's project and fails (`'wecheer_funnel_declaration' is undefined`). The build
of integration_tests/ proves the public macros work; this check covers every macro, so that a new
helper cannot bring the failure back.
"""

from __future__ import annotations

import re

from wecheer.paths import PROJECT_ROOT

MACRO_FILES = sorted((PROJECT_ROOT / "macros").rglob("*.sql"))
DEFINITION = re.compile(r"{%-?\s*macro\s+(\w+)\s*\(")
COMMENT = re.compile(r"{#.*?#}", re.S)


def unqualified_calls(text: str, names: set[str]) -> list[str]:
    """Calls of `names` in Jinja text that do not name a package (comments and the macros'
    own definitions left out)."""
    code = COMMENT.sub("", DEFINITION.sub("", text))
    call = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, names)) + r")\s*\(")
    return call.findall(code)


def test_the_check_finds_unqualified_calls():
    names = {"wecheer_type", "wecheer_sql_list"}
    text = (
        "{% macro wecheer_sql_list(values) %}{# wecheer_type(x) #}"
        "{{ wecheer_type('string') }} {{ wecheer.wecheer_sql_list([1]) }}{% endmacro %}"
    )
    assert unqualified_calls(text, names) == ["wecheer_type"]


def test_macros_call_the_package_s_macros_by_their_package_name():
    names = {name for path in MACRO_FILES for name in DEFINITION.findall(path.read_text())}
    assert len(names) > 40
    found = {
        str(path.relative_to(PROJECT_ROOT)): calls
        for path in MACRO_FILES
        if (calls := unqualified_calls(path.read_text(), names))
    }
    assert not found, f"write wecheer.<macro>(...) in: {found}"
