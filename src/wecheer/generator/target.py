"""Where a run writes, and whether it may: the target database, its schemas and the mode
(create, replace, append); for `--append`, the first sync's parameters read back from the truth."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from wecheer.generator.config import FaultRates, GeneratorConfig, Period, date_of
from wecheer.generator.sink import quote


class GenerateError(Exception):
    """A problem with the arguments or the target; reported as one line."""


@dataclass
class Target:
    db: Path
    schema: str = "wecheer_prod"
    reference_schema: str = "wecheer_reference"
    truth_schema: str = "wecheer_truth"
    mode: str = "create"  # create | replace | append
    format: str = "duckdb"
    out: Path | None = None
    progress: bool = False


def connect(db_path: Path):
    try:
        return duckdb.connect(str(db_path))
    except duckdb.Error as error:
        raise GenerateError(f"cannot open {db_path}: {str(error).splitlines()[0]}") from error


def schema_has_tables(con, schema: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ?", [schema]
        ).fetchone()[0]
    )


def read_runs(con, truth_schema: str) -> list[dict]:
    if not schema_has_tables(con, truth_schema):
        return []
    cursor = con.execute(f"select * from {quote(truth_schema)}.runs order by sync_number")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def config_for_append(runs: list[dict], days: int | None, end_epoch: int | None,
                      chunk_size: int, workers: int) -> GeneratorConfig:  # fmt: skip
    """The first sync's parameters, read back from the truth `runs` table, plus a new period."""
    params = json.loads(runs[0]["params"])
    periods = tuple(Period(int(r["period_start"].timestamp()), int(r["period_end"].timestamp()))
                    for r in runs)  # fmt: skip
    last_end = periods[-1].end
    first_days = (periods[0].end - periods[0].start) // 86400
    if end_epoch is not None:
        if end_epoch <= last_end:
            raise GenerateError(
                f"--end must be after the end of the data already delivered ({date_of(last_end)})"
            )
        new_end = end_epoch
    else:
        new_end = last_end + (days or first_days) * 86400
    cfg = GeneratorConfig(
        seed=params["seed"],
        events=params["events"],
        start=date_of(periods[0].start),
        days=first_days,
        faults=params["faults"],
        rates=FaultRates(**params["rates"]),
        naming=params["naming"],
        naming_switch=(
            None if params["naming_switch"] is None else date_of(params["naming_switch"])
        ),  # fmt: skip
        chunk_size=chunk_size,
        workers=workers,
    )
    return cfg.with_periods((*periods, Period(last_end, new_end)))


def check_target(con, cfg: GeneratorConfig, target: Target, append_days, append_end):
    """Refuse a target the mode does not allow; for `--append`, the configuration to continue
    with and the syncs so far."""
    raw_exists = schema_has_tables(con, target.schema)
    if target.format == "parquet":
        if target.mode == "append":
            raise GenerateError("--append works with --format duckdb only")
        out = Path(target.out)
        if out.exists() and any(out.iterdir()) and target.mode != "replace":
            raise GenerateError(f"{out} exists and is not empty; use --replace to overwrite it")
    elif target.mode == "create" and raw_exists:
        raise GenerateError(
            f"schema {target.schema} already holds tables; use --append to add a sync "
            "or --replace to start over"
        )
    previous_runs: list[dict] = []
    if target.mode == "append":
        if not raw_exists:
            raise GenerateError(f"--append: schema {target.schema} does not exist")
        previous_runs = read_runs(con, target.truth_schema)
        if not previous_runs:
            raise GenerateError(
                f"--append: no {target.truth_schema}.runs table describes {target.schema}"
            )
        cfg = config_for_append(previous_runs, append_days, append_end, cfg.chunk_size,
                                cfg.workers)  # fmt: skip
    return cfg, previous_runs
