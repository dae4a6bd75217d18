"""The ``provenance`` command: parse, call one library function, render, exit.

Exit codes: 0 success, 1 the ledger is invalid or a check failed, 2 usage error,
unreadable input or a file the system refused, 130 interrupted (Ctrl-C). Errors are one
line naming file, line and column; no tracebacks (set PROVENANCE_DEBUG=1 to see one for
an internal error).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from provenance.errors import PositionedError, ProvenanceError, UsageError

Command = Callable[[argparse.Namespace], int]


def _ledger_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ledger",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="ledger folder holding claims.csv and sources/ (default: current folder)",
    )


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a ledger's files, spans and cells."""
    from provenance.validate import check_ledger_path, validate_ledger

    report = validate_ledger(check_ledger_path(args.ledger))
    if args.json:
        print(report.to_json())
    else:
        for finding in report.findings:
            print(finding.render())
        counts = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        print(("valid" if report.ok else "invalid") + f": {counts}")
    return int(not report.ok)


def cmd_fill(args: argparse.Namespace) -> int:
    """Derive missing offsets and values, write claims.csv back in canonical order."""
    from provenance.ledger import fill, load_ledger
    from provenance.validate import check_ledger_path, validate_loaded

    ledger = load_ledger(check_ledger_path(args.ledger), strict=False)
    problems = validate_loaded(ledger)
    if not problems.ok:
        for finding in problems.errors:
            print(finding.render(), file=sys.stderr)
        print("not filled: fix the errors above first", file=sys.stderr)
        return 1
    report = fill(ledger)
    written = ledger.save()
    for finding in report.findings:
        print(finding.render(), file=sys.stderr)
    print(
        f"anchored {len(report.anchored)}, exact quote restored {len(report.requoted)}, "
        f"valued {len(report.valued)}; claims.csv {'written' if written else 'unchanged'}"
    )
    return int(not report.ok)


def cmd_extract(args: argparse.Namespace) -> int:
    """Find quantity, duration and date mentions in a file, or add them as candidates."""
    if args.ledger is not None:
        from provenance.candidates import add_candidates
        from provenance.ledger import load_ledger

        ledger = load_ledger(args.ledger)
        added = add_candidates(ledger)
        ledger.save()
        print(f"added {len(added)} candidate claim(s) to {args.ledger / 'claims.csv'}")
        return 0
    if args.file is None or args.published is None:
        raise UsageError("give FILE and --published YYYY-MM-DD, or --ledger DIR")
    from provenance.extract import extract
    from provenance.render import mentions_table
    from provenance.sources import decode_source

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: {exc.strerror}") from None
    mentions = extract(decode_source(data, str(args.file)), args.published)
    if args.json:
        from provenance.jsonout import strict_dumps

        print(strict_dumps([m.to_json() for m in mentions], indent=1))
    else:
        print(mentions_table(mentions))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run the expectation suites and report conflicts between outlets."""
    from provenance.check import load_for_check, run_check
    from provenance.check_report import error_line, render
    from provenance.data_docs import write_data_docs
    from provenance.jsonout import strict_dumps
    from provenance.outputs import refuse_ledger_path

    if args.data_docs is not None:
        refuse_ledger_path(args.ledger, args.data_docs, "--data-docs")
    try:
        result = run_check(load_for_check(args.ledger), args.suite)
    except (PositionedError, UsageError) as exc:
        return _refused(exc, 2)
    if result.errors:  # an expectation GX could not evaluate is no pass
        print(f"provenance: {error_line(result)}", file=sys.stderr)
        return 2
    if args.data_docs is not None:
        pages = write_data_docs(result, args.data_docs, args.ledger)
        print(f"wrote {len(pages)} Data Docs page(s) to {args.data_docs}", file=sys.stderr)
    if args.json:
        print(strict_dumps(result.to_json(), indent=2))
    else:
        print(render(result))
    return int(not result.success)


def cmd_reanchor(args: argparse.Namespace) -> int:
    """Relocate claims whose source file changed; record the new hashes."""
    from provenance.ledger import load_ledger
    from provenance.reanchor import changed_sources, reanchor, save_reanchored, summarise

    ledger = load_ledger(args.ledger, strict=False)
    changed = changed_sources(ledger)
    if not changed:
        print("no source changed; nothing to re-anchor")
        return 0
    from provenance.render import terminal_safe

    report = reanchor(ledger)
    save_reanchored(ledger)
    for row in report[report["outcome"].isin(["changed", "orphaned"])].itertuples():
        detail = f"-> {row.new_quote!r}" if row.outcome == "changed" else "(kept, status orphaned)"
        print(terminal_safe(f"{row.claim_id}: {row.outcome}: {row.old_quote!r} {detail}"))
    counts = summarise(report)
    print(", ".join(f"{count} {outcome}" for outcome, count in counts.items())
          + f"; sha256 recorded for {len(changed)} source(s)")
    return int(counts["orphaned"] > 0)


def cmd_add_source(args: argparse.Namespace) -> int:
    """Register an article (a text file or a saved web page) in a ledger."""
    from provenance.registry_add import add_source
    from provenance.render import added_source_lines

    added = add_source(
        args.ledger, args.path, source_id=args.id, outlet=args.outlet,
        published=args.published, url=args.url, title=args.title,
    )
    print("\n".join(added_source_lines(added, args.ledger)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a spreadsheet-safe copy of claims.csv."""
    from provenance.export import export_spreadsheet_safe
    from provenance.ledger import load_ledger
    from provenance.outputs import refuse_ledger_path

    if not args.spreadsheet_safe:
        raise UsageError("say which export: --spreadsheet-safe")
    output = args.output
    refuse_ledger_path(args.ledger, output, "--output")  # before the ledger is read
    changed = export_spreadsheet_safe(load_ledger(args.ledger, strict=False), output)
    print(f"wrote {output}: {changed} cell(s) neutralised")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a YYYY-MM-DD date") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subcommand per library entry point."""
    parser = argparse.ArgumentParser(prog="provenance", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help=cmd_validate.__doc__)
    _ledger_option(validate)
    validate.add_argument("--json", action="store_true", help="print findings as JSON")
    validate.set_defaults(run=cmd_validate)

    fill = sub.add_parser("fill", help=cmd_fill.__doc__)
    _ledger_option(fill)
    fill.set_defaults(run=cmd_fill)

    extract = sub.add_parser("extract", help=cmd_extract.__doc__)
    extract.add_argument("file", nargs="?", type=Path, help="UTF-8 text file")
    extract.add_argument("--published", type=_date, help="publication date, YYYY-MM-DD")
    extract.add_argument("--json", action="store_true", help="print one JSON array")
    extract.add_argument(
        "--ledger",
        type=Path,
        metavar="DIR",
        help="add mentions of every registered source as candidate claims",
    )
    extract.set_defaults(run=cmd_extract)

    check = sub.add_parser("check", help=cmd_check.__doc__)
    _ledger_option(check)
    check.add_argument("--suite", action="append", metavar="NAME",
                       help="run only this suite (repeatable; default: every suite)")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--data-docs", type=Path, metavar="DIR",
                       help="also write Great Expectations Data Docs (HTML) to DIR")
    check.set_defaults(run=cmd_check)

    reanchor = sub.add_parser("reanchor", help=cmd_reanchor.__doc__)
    _ledger_option(reanchor)
    reanchor.set_defaults(run=cmd_reanchor)

    add_source = sub.add_parser("add-source", help=cmd_add_source.__doc__)
    add_source.add_argument("path", type=Path, metavar="PATH",
                            help="UTF-8 text file, or a saved web page (.html, .htm)")
    add_source.add_argument("--id", metavar="ID", help="source id (default: from the outlet)")
    add_source.add_argument("--outlet", metavar="NAME", help="publisher (default: the page's)")
    add_source.add_argument("--published", metavar="DATE",
                            help="YYYY-MM-DD or an ISO timestamp with offset (default: the page's)")
    add_source.add_argument("--url", metavar="URL", help="address (default: the page's)")
    add_source.add_argument("--title", metavar="T", help="headline (default: the page's)")
    _ledger_option(add_source)
    add_source.set_defaults(run=cmd_add_source)

    export = sub.add_parser("export", help=cmd_export.__doc__)
    _ledger_option(export)
    export.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="prefix formula-like cells (= + - @) with an apostrophe",
    )
    export.add_argument("--output", type=Path, required=True, metavar="FILE")
    export.set_defaults(run=cmd_export)
    return parser


def _refused(error: object, code: int) -> int:
    """Print an error as one ``provenance:`` line (control characters escaped); return code."""
    from provenance.render import terminal_safe

    print(f"provenance: {terminal_safe(str(error))}", file=sys.stderr)
    return code


def os_error_line(exc: OSError) -> str:
    """An OS error as a sentence naming its path: ``out/x.csv: Permission denied``."""
    reason = exc.strerror or str(exc)
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    return f"{' -> '.join(names)}: {reason}" if names else reason


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (130 after Ctrl-C, quietly)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return 130
    try:
        return args.run(args)
    except UsageError as exc:
        return _refused(exc, 2)
    except ProvenanceError as exc:
        return _refused(exc, 1)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_gone()
    except OSError as exc:  # what the file system refused: the path and the reason
        return _refused(os_error_line(exc), 2)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("PROVENANCE_DEBUG"):
            raise
        print(
            f"provenance: internal error: {type(exc).__name__}: {exc} "
            "(set PROVENANCE_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 3


def _reader_gone() -> int:
    """Exit code 1 when stdout's reader has gone (``provenance check | head``), as
    Python's docs advise: what is left to print goes to the null device, quietly."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    return 1


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C: KeyboardInterrupt (a write in progress removes its temporary file and
    :func:`main` returns 130); a second Ctrl-C meanwhile exits 130 at once, quietly."""
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    raise KeyboardInterrupt


def run() -> None:
    """The ``provenance`` console script: :func:`main`, then exit at once.

    Python's own exit frees every object one at a time and collects the cyclic ones,
    which after a check of a million claims takes longer than a second while the report
    is already out. Every file the commands write is closed (and atomically in place)
    before they return, so only the standard streams are left to flush.
    """
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, _interrupted)
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _reader_gone()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
