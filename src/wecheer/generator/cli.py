"""`wecheer generate`: the command-line face of the generator."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from wecheer.cli import CliError
from wecheer.generator.config import (
    FORMATS,
    NAMINGS,
    PROFILES,
    FaultRates,
    GeneratorConfig,
    Period,
    epoch_of,
)
from wecheer.paths import add_db_option, default_db

RATE_OPTIONS = (
    ("duplicate_rate", "share of events delivered more than once (same hour or days apart)"),
    ("late_rate", "share of events received 2-7 days after they happened"),
    ("skew_rate", "share of events whose sender clock is 2-48 hours off (timestamp stays right)"),
    ("future_rate", "share of non-journey events with an original_timestamp a day or more ahead"),
    ("missing_id_rate", "share of non-journey events missing the user, advertiser or campaign id"),
    ("unplanned_rate", "share of non-journey events followed by an event not in the catalogue"),
    ("tracks_missing_rate", "share of event-table rows with no row in `tracks`"),
    ("alias_rate", "share of events sent under the other spelling of their name"),
)
COUNT_OPTIONS = (
    ("type_drift_tables", "number of event tables that store advertiser/campaign ids as VARCHAR"),
    ("orphan_campaigns", "number of campaigns that send events but are missing from reference"),
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "generate",
        help="generate a synthetic Wecheer source in Segment's warehouse layout",
        description=(
            "Simulate a Wecheer loyalty programme (advertisers, campaigns, consumers, staff) and "
            "write what Segment would deliver: `tracks`, one table per event, `identifies`, "
            "`users`; reference data; and the ground truth the models must reproduce. "
            "Same seed and parameters give identical data whatever --chunk-size or --workers."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    where = parser.add_argument_group("where")
    add_db_option(
        where,
        more="; chunks wait in a temporary folder beside it (about the uncompressed size of the "
        "event tables)",
    )
    where.add_argument("--schema", default="wecheer_prod", help="schema of the raw source")
    where.add_argument(
        "--reference-schema",
        default="wecheer_reference",
        help="schema of the reference data (advertisers, campaigns)",
    )
    where.add_argument(
        "--truth-schema",
        default="wecheer_truth",
        help="schema of the ground truth (read by tests only)",
    )
    where.add_argument(
        "--format",
        choices=FORMATS,
        default="duckdb",
        help="duckdb: tables in --schema; parquet: Segment's data-lake layout "
        "under --out (reference and truth still go to --db)",
    )
    where.add_argument(
        "--out",
        default=None,
        help="folder for --format parquet: segment_type=<event>/day=YYYY-MM-DD/hr=HH/",
    )
    mode = where.add_mutually_exclusive_group()
    mode.add_argument(
        "--append",
        action="store_true",
        help="add the next sync (a later period) to an existing source; the "
        "parameters of the first sync are read back from the truth schema",
    )
    mode.add_argument("--replace", action="store_true", help="drop and rewrite an existing source")

    what = parser.add_argument_group("what")
    what.add_argument(
        "--events",
        type=int,
        default=200_000,
        help="approximate number of track events in the first period",
    )
    what.add_argument("--seed", type=int, default=42, help="random seed")
    what.add_argument(
        "--start",
        type=_date,
        default=dt.date(2026, 1, 5),
        help="first day (UTC) of the first period",
    )
    span = what.add_mutually_exclusive_group()
    span.add_argument(
        "--days",
        type=int,
        default=None,
        help="length of the period in days (default 91; with --append: the first period's length)",
    )
    span.add_argument(
        "--end",
        type=_date,
        default=None,
        help="day after the last day of the period (instead of --days)",
    )
    what.add_argument(
        "--naming",
        choices=NAMINGS,
        default="title",
        help="event names as sent: Title Case, CamelCase wire names, or a switch "
        "from title to wire on --naming-switch",
    )
    what.add_argument(
        "--naming-switch",
        type=_date,
        default=None,
        help="day from which `mixed` naming sends wire names (default: the middle "
        "of the first period)",
    )

    faults = parser.add_argument_group("faults")
    faults.add_argument(
        "--faults",
        choices=PROFILES,
        default="clean",
        help="fault profile; the options below override single rates",
    )
    for name, text in RATE_OPTIONS:
        faults.add_argument(f"--{name.replace('_', '-')}", type=float, default=None, help=text)
    for name, text in COUNT_OPTIONS:
        faults.add_argument(f"--{name.replace('_', '-')}", type=int, default=None, help=text)
    faults.add_argument(
        "--incidents",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a fraud ring in one campaign for two weeks, an OCR outage day that fails most "
        "receipts, a tracking outage day with no events (default: with the realistic and hostile "
        "profiles); the truth table `incidents` records them",
    )

    run = parser.add_argument_group("run")
    run.add_argument(
        "--chunk-size",
        type=int,
        default=250_000,
        help="approximate events per chunk (memory is bounded by a chunk)",
    )
    run.add_argument(
        "--workers",
        type=int,
        default=0,
        help="worker processes that simulate chunks while DuckDB writes (default 0: automatic, "
        "2 from 16 chunks on when the machine has 2+ cores, else 1)",
    )
    run.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    run.add_argument("--quiet", action="store_true", help="no summary line")
    parser.set_defaults(func=_generate)


def build_config(args: argparse.Namespace) -> tuple[GeneratorConfig, int | None, int | None]:
    """Validate the arguments; returns (config, days for --append, end for --append)."""
    for name in ("events", "chunk_size"):
        if getattr(args, name) < 1:
            raise CliError(f"--{name.replace('_', '-')} must be a positive number")
    if args.workers < 0:
        raise CliError("--workers must be 0 (automatic) or a positive number")
    if args.days is not None and args.days < 1:
        raise CliError("--days must be a positive number")
    if args.format == "parquet" and not args.out:
        raise CliError("--format parquet needs --out DIR")
    if args.out and args.format != "parquet":
        raise CliError("--out is only used with --format parquet")
    rates = FaultRates.for_profile(args.faults).as_dict()
    for name, _ in RATE_OPTIONS:
        value = getattr(args, name)
        if value is not None:
            if not 0.0 <= value <= 0.5:
                raise CliError(f"--{name.replace('_', '-')} must be between 0 and 0.5")
            rates[name] = value
    for name, _ in COUNT_OPTIONS:
        value = getattr(args, name)
        if value is not None:
            if value < 0:
                raise CliError(f"--{name.replace('_', '-')} must not be negative")
            rates[name] = value
    if args.incidents is not None:
        rates["incidents"] = args.incidents
    if rates["type_drift_tables"] > 4:
        raise CliError("--type-drift-tables must be at most 4")
    if rates["orphan_campaigns"] > 9:
        raise CliError("--orphan-campaigns must be at most 9")
    if sum(rates[k] for k in ("late_rate", "skew_rate", "future_rate")) > 1:
        raise CliError("--late-rate, --skew-rate and --future-rate together must be at most 1")
    start = epoch_of(args.start)
    if args.end is not None:
        end = epoch_of(args.end)
        if end <= start and not args.append:
            raise CliError(f"--end {args.end} must be after --start {args.start}")
        days = (end - start) // 86400
    else:
        days = args.days or 91
        end = start + days * 86400
    cfg = GeneratorConfig(
        seed=args.seed,
        events=args.events,
        start=args.start,
        days=days,
        faults=args.faults,
        rates=FaultRates(**rates),
        naming=args.naming,
        naming_switch=args.naming_switch,
        chunk_size=args.chunk_size,
        workers=args.workers,
        periods=(Period(start, end),),
    )
    append_end = epoch_of(args.end) if (args.append and args.end) else None
    return cfg, (args.days if args.append else None), append_end


def _generate(args: argparse.Namespace) -> int:
    from wecheer.generator.run import GenerateError, Target, generate

    cfg, append_days, append_end = build_config(args)
    mode = "append" if args.append else "replace" if args.replace else "create"
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    target = Target(
        db=args.db or default_db(),
        schema=args.schema,
        reference_schema=args.reference_schema,
        truth_schema=args.truth_schema,
        mode=mode,
        format=args.format,
        out=args.out,
        progress=progress,
    )
    names = {args.schema, args.reference_schema, args.truth_schema}
    if len(names) < 3:
        raise CliError("--schema, --reference-schema and --truth-schema must differ")
    try:
        summary = generate(cfg, target, append_days, append_end)
    except GenerateError as error:
        if error.__cause__ is not None:  # DuckDB's own error (a lock, not a database): one line
            raise error.__cause__ from None
        raise CliError(str(error)) from error
    if not args.quiet:
        rate = summary.events_written / summary.seconds if summary.seconds else 0.0
        where = args.out if args.format == "parquet" else f"{target.db} schema {args.schema}"
        print(
            f"sync {summary.sync_number}: {summary.events_written:,} events "
            f"({summary.event_table_rows:,} event-table rows, {summary.track_rows:,} tracks rows, "
            f"{len(summary.tables)} tables) in {summary.seconds:.1f} s ({rate:,.0f} events/s) "
            f"-> {where}; truth in {args.truth_schema}"
        )
    return 0
