"""Segment's go-snakecase rule, reimplemented: ASCII letters and digits only; any other byte
separates words; a run of capitals and digits takes the lowercase letters that follow it."""

from __future__ import annotations


def _is_upper(c: int) -> bool:
    return 65 <= c <= 90


def _is_lower(c: int) -> bool:
    return 97 <= c <= 122


def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


def snakecase(name: str) -> str:
    """The table/column name Segment derives from an event name or property key."""
    data = name.encode("utf-8")
    words: list[str] = []
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if not (_is_upper(c) or _is_lower(c) or _is_digit(c)):
            i += 1
            continue
        word = bytearray()
        while i < n and (_is_upper(data[i]) or _is_digit(data[i])):
            word.append(data[i] + 32 if _is_upper(data[i]) else data[i])
            i += 1
        while i < n and (_is_lower(data[i]) or _is_digit(data[i])):
            word.append(data[i])
            i += 1
        words.append(word.decode("ascii"))
    return "_".join(words)
