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
from typing import TYPE_CHECKING

from provenance.errors import PositionedError, ProvenanceError, UsageError
from provenance.schema import KINDS, STATUSES
from provenance.terminal import terminal_safe

if TYPE_CHECKING:
    from provenance.ledger import Ledger

Command = Callable[[argparse.Namespace], int]
JSON_LD_EXPORTS = {  # --format -> (module, function returning a dict, what it counts)
    "web-annotation": ("provenance.interchange.web_annotation", "export_web_annotation",
                       "annotation"),
    "schema-claims": ("provenance.interchange.schema_claims", "export_schema_claims", "claim"),
}
PROV_FORMATS = ("prov-json", "prov-n")
EXPORT_FORMATS = ["spreadsheet-safe", *JSON_LD_EXPORTS, *PROV_FORMATS, "parquet"]
IMPORT_FORMATS = ["web-annotation", "hypothesis", "label-studio", "doccano"]


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
    from provenance.check.engines.pandas import process_settings
    from provenance.validate import check_ledger_path, validate_ledger

    with process_settings.checking():  # as the check reads a ledger (see its docstring)
        report = validate_ledger(check_ledger_path(args.ledger))
    if args.json:
        print(report.to_json())
    else:
        counts = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        verdict = ("valid" if report.ok else "invalid") + f": {counts}"
        # one write, not one a finding (each a system call when stdout is unbuffered)
        print("\n".join([*(finding.render() for finding in report.findings), verdict]))
    return int(not report.ok)


def cmd_fill(args: argparse.Namespace) -> int:
    """Derive missing offsets and values, write claims.csv back in canonical order."""
    from provenance.check.engines.pandas import process_settings

    # a fill makes millions of objects and few cycles: the collector's walks of them all
    # cost about 7 % of a fill's CPU at 1M claims; its report is out before it is back on
    with process_settings.collection_paused():
        return _fill(args.ledger)


def _fill(folder: Path) -> int:
    """``provenance fill`` of the ledger in ``folder``: its exit status."""
    from provenance.fill import fill
    from provenance.ledger import load_ledger
    from provenance.validate import check_ledger_path, validate_loaded

    ledger = load_ledger(check_ledger_path(folder), strict=False, checked=True)
    problems = validate_loaded(ledger, warnings=False)
    if not problems.ok:
        for finding in problems.errors:
            print(finding.render(), file=sys.stderr)
        print("not filled: fix the errors above first", file=sys.stderr)
        return 1
    report = fill(ledger)
    written = ledger.save(reread=False)
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
        return _extract_ledger(args.ledger, args.source)
    if args.source:
        raise UsageError("--source names sources of a ledger: give --ledger DIR too")
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


def _extract_ledger(root: Path, source_ids: list[str] | None) -> int:
    """``extract --ledger``: add candidates, say what was done per source and what next."""
    from provenance.candidates import extract_candidates
    from provenance.ledger import load_ledger

    ledger = load_ledger(root)
    done = extract_candidates(ledger, source_ids)
    ledger.save(reread=False)  # done with the ledger: not read back from the bytes written
    if all(item.has_claims for item in done):
        print("nothing to extract: every source already has claims; "
              "name one with --source ID to extract it anyway")
        return 0
    for item in done:
        if item.has_claims:
            print(f"{item.source_id}: skipped, it has claims (--source {item.source_id} "
                  "extracts it anyway)")
        else:
            print(f"{item.source_id}: added {len(item.added)} candidate(s); "
                  f"{item.overlapping} mention(s) overlap existing claims")
    added = sum(len(item.added) for item in done)
    print(f"added {added} candidate claim(s) to {root / 'claims.csv'}")
    if added:
        print(f"next: provenance suggest-keys --ledger {root}")
    return 0


def cmd_add_claim(args: argparse.Namespace) -> int:
    """Type one claim: anchor its quote, derive its value, append it to claims.csv."""
    from provenance.fill import add_claim
    from provenance.ledger import load_ledger
    from provenance.render import claim_summary

    ledger = load_ledger(args.ledger)
    row = add_claim(
        ledger, claim_id=args.id, source_id=args.source, quote=args.quote,
        fact_key=args.fact_key, kind=args.kind, start=args.start, occurrence=args.occurrence,
        attributed_to=args.attributed_to, note=args.note, status=args.status,
        category=args.category,
    )
    ledger.save(reread=False)  # done with the ledger: not read back from the bytes written
    print(f"added to {args.ledger / 'claims.csv'}: "
          + claim_summary(row, ledger.source_path(row["source_id"])))
    then = "check" if row["status"] == "confirmed" else "suggest-keys"
    print(f"next: provenance {then} --ledger {args.ledger}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run the expectation suites and report conflicts between outlets."""
    from provenance.check.engines.pandas import process_settings

    if args.engine == "pandas" and STANDALONE:  # GX imports pyspark when it is installed:
        sys.modules.setdefault("pyspark", None)  # an ImportError to GX in this process only
    with process_settings.importing():
        from provenance.check import load_for_check, run_check
    from provenance.outputs import refuse_ledger_path

    if args.data_docs is not None:
        refuse_ledger_path(args.ledger, args.data_docs, "--data-docs")
    if args.claims is not None and args.engine != "spark":
        raise UsageError("--claims (the Parquet copy of `provenance export --format "
                         "parquet`) is read by --engine spark only")
    if args.engine == "spark":
        return _checked(args)
    with process_settings.checking():  # until the report is out: see _checked
        return _checked(args, load_for_check, run_check)


def _checked(args: argparse.Namespace, load: Callable | None = None,
             check: Callable | None = None) -> int:
    """``provenance check`` once its engine is chosen: check (with ``load`` and ``check``,
    the pandas engine's, or else Spark), then report. The pandas engine's settings last
    until the report is written: the check made millions of objects with the cyclic
    collector off, and turned back on it would walk them all (about 0.3 s at a million
    claims) while the report is written, just before the process exits."""
    from provenance.check.engines.data_docs import write_data_docs
    from provenance.check.report import error_line, quote_chains, render
    from provenance.jsonout import strict_dumps
    from provenance.reuse.via import reused_claims

    try:
        if check is None:
            from provenance.check.engines.spark.run import check_with_chains

            result, reused = check_with_chains(args.ledger, args.suite, args.spark_master,
                                               claims=args.claims)
        else:
            ledger = load(args.ledger)
            result = check(ledger, args.suite)
            reused = reused_claims(ledger)
    except (PositionedError, UsageError) as exc:
        return _refused(exc, 2)
    if result.errors:  # an expectation GX could not evaluate is no pass
        print(f"provenance: {error_line(result)}", file=sys.stderr)
        return 2
    if args.data_docs is not None:
        pages = write_data_docs(result, args.data_docs, args.ledger)
        print(f"wrote {len(pages)} Data Docs page(s) to {args.data_docs}", file=sys.stderr)
    if args.json:
        chains = {"quote_chains": reused.to_dict("records")} if not reused.empty else {}
        print(strict_dumps({**result.to_json(), **chains}, indent=2))
    else:
        print(render(result, args.verbose))
        if not reused.empty:
            print(quote_chains(reused))
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

    report = reanchor(ledger, changed=changed)
    save_reanchored(ledger, reread=False)  # done with the ledger: not read back
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
    """Write the ledger for other tools: a spreadsheet-safe claims.csv, JSON-LD, PROV, or a
    typed Parquet copy of the claims (for ``check --engine spark``)."""
    from provenance.ledger import load_ledger
    from provenance.outputs import refuse_ledger_path

    fmt = args.format or ("spreadsheet-safe" if args.spreadsheet_safe else None)
    if fmt is None:
        raise UsageError("say which export: --format " + "|".join(EXPORT_FORMATS))
    if args.spreadsheet_safe and fmt != "spreadsheet-safe":
        raise UsageError(f"--spreadsheet-safe and --format {fmt} ask for two exports; give one")
    output = args.output
    refuse_ledger_path(args.ledger, output, "--output")  # before the ledger is read
    if fmt in JSON_LD_EXPORTS:
        return _export_json_ld(load_ledger(args.ledger), fmt, output)
    if fmt in PROV_FORMATS:
        from provenance.interchange.prov import export_prov

        records = export_prov(load_ledger(args.ledger), output, fmt)
        print(f"wrote {output}: {records} PROV records ({fmt})")
        return 0
    if fmt == "parquet":
        from provenance.check.engines.spark.parquet import export_parquet

        rows = export_parquet(load_ledger(args.ledger, strict=False), output)
        print(f"wrote {output}: {rows} claim(s) as Parquet")
        return 0
    from provenance.export import export_spreadsheet_safe

    changed = export_spreadsheet_safe(load_ledger(args.ledger, strict=False), output)
    print(f"wrote {output}: {changed} cell(s) neutralised")
    return 0


def _export_json_ld(ledger: Ledger, fmt: str, output: Path) -> int:
    """``export --format web-annotation|schema-claims``: the library's dict, as strict JSON."""
    from importlib import import_module

    from provenance.atomic import write_atomic
    from provenance.jsonout import strict_dumps
    from provenance.outputs import output_file, write_error

    module, function, noun = JSON_LD_EXPORTS[fmt]
    output = output_file(output, "--output")
    data = getattr(import_module(module), function)(ledger)
    try:
        write_atomic(output, (strict_dumps(data, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        raise write_error(output, exc) from None
    count = len(data["first"]["items"]) if "first" in data else len(data["@graph"])
    print(terminal_safe(f"wrote {output}: {count} {noun}(s) ({fmt})"))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Add another tool's annotations as candidate claims (existing claims untouched)."""
    from provenance.interchange.importer import import_annotations
    from provenance.ledger import load_ledger

    ledger = load_ledger(args.ledger)
    try:
        report = import_annotations(ledger, args.file, args.format, args.source)
    except PositionedError as exc:
        return _refused(exc, 2)
    written = ledger.save(reread=False) if report.added else False
    for finding in report.findings:
        print(finding.render(), file=sys.stderr)
    how = ", ".join(f"{count} by {how}" for how, count in sorted(report.how.items()))
    print(f"imported {len(report.added)} candidate claim(s) from {terminal_safe(str(args.file))}"
          + (f" ({how})" if how else "")
          + f"; skipped {len(report.skipped)} overlapping; {len(report.unplaced)} not placed; "
          + f"claims.csv {'written' if written else 'unchanged'}")
    if report.added:
        print(f"next: provenance suggest-keys --ledger {args.ledger}")
    return int(bool(report.unplaced))


def cmd_reuse(args: argparse.Namespace) -> int:
    """Find passages sources share (quote chains); keep them in reuse.csv beside the ledger."""
    from provenance.atomic import Fingerprint
    from provenance.ledger import load_ledger
    from provenance.reuse import REUSE, ledger_reuse, save_reuse
    from provenance.reuse.report import passages_json, passages_text

    ledger = load_ledger(args.ledger)
    before = Fingerprint.of_file(args.ledger / REUSE)  # what a concurrent writer may change
    passages = ledger_reuse(ledger, min_words=args.min_words,
                            progress=sys.stderr.isatty() and not args.json)
    written = save_reuse(args.ledger, passages, before)
    if args.json:
        from provenance.jsonout import strict_dumps

        print(strict_dumps(passages_json(passages, ledger.texts), indent=1))
    else:
        from provenance.sources import outlets

        print(passages_text(passages, ledger.texts, outlets(ledger.sources)))
    print(f"{args.ledger / REUSE} {'written' if written else 'unchanged'}", file=sys.stderr)
    return 0


def cmd_suggest_keys(args: argparse.Namespace) -> int:
    """Suggest fact keys for claims that have none (--write stores the best beside them)."""
    from provenance.alignment import suggest_keys, write_suggestions
    from provenance.alignment.report import results_json, results_table
    from provenance.ledger import load_ledger

    ledger = load_ledger(args.ledger)
    results = suggest_keys(ledger, progress=sys.stderr.isatty() and not args.json)
    if args.json:
        from provenance.jsonout import strict_dumps

        print(strict_dumps(results_json(results), indent=2))
    else:
        print(results_table(results, ledger.claims))
    if args.write:
        stored = write_suggestions(ledger, results)
        ledger.save(reread=False)
        print(f"stored {stored} suggestion(s) in suggested_fact_key (fact_key untouched); "
              "accept them with `provenance accept`", file=sys.stderr)
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    """Confirm claims under their stored suggestion or a fact key you pick (ID=KEY)."""
    if not args.claim_ids and args.min_score is None and not args.all:
        raise UsageError(
            "say which suggestions to accept: CLAIM_ID ..., CLAIM_ID=FACT_KEY ..., "
            "--min-score S or --all"
        )
    from provenance.alignment import accept_picks
    from provenance.ledger import load_ledger

    picks = dict(choice.partition("=")[::2] for choice in args.claim_ids)
    if any(choice.endswith("=") for choice in args.claim_ids):
        raise UsageError("give a fact key after '=': CLAIM_ID=FACT_KEY")
    ledger = load_ledger(args.ledger)
    accepted = accept_picks(ledger, picks, min_score=args.min_score, every=args.all)
    ledger.save(reread=False)
    keys = dict(zip(ledger.claims["claim_id"], ledger.claims["fact_key"], strict=True))
    for claim_id in accepted:
        print(f"{terminal_safe(claim_id)}: {terminal_safe(keys[claim_id])} (confirmed)")
    print(f"accepted {len(accepted)} claim(s)")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    """Set aside extracted mentions that state no fact (status rejected)."""
    from provenance.alignment import reject_claims
    from provenance.ledger import load_ledger

    ledger = load_ledger(args.ledger)
    rejected = reject_claims(ledger, args.claim_ids)
    ledger.save(reread=False)
    print(f"rejected {len(rejected)} claim(s); extraction will not add them again")
    return 0


def _score(text: str) -> float:
    try:
        score = float(text)
    except ValueError:
        score = -1.0
    if not 0 <= score <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a score between 0 and 1")
    return score


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a YYYY-MM-DD date") from None


def _count(text: str) -> int:
    if not text.isdecimal():
        raise argparse.ArgumentTypeError(f"{text!r} is not a non-negative whole number")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


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
        help="add the mentions of the sources without claims as candidate claims",
    )
    extract.add_argument(
        "--source", action="append", metavar="ID",
        help="with --ledger: extract this source even if it has claims (repeatable)",
    )
    extract.set_defaults(run=cmd_extract)

    add = sub.add_parser("add-claim", help=cmd_add_claim.__doc__)
    _ledger_option(add)
    add.add_argument("--source", required=True, metavar="ID", help="the claim's source_id")
    add.add_argument("--quote", required=True, metavar="TEXT",
                     help="the words of the source (typographic variants are tolerated)")
    add.add_argument("--fact-key", default="", metavar="K",
                     help="the fact it states, shared with other outlets' claims")
    add.add_argument("--kind", choices=sorted(KINDS), help="default: derived from the quote")
    where = add.add_mutually_exclusive_group()
    where.add_argument("--start", type=_count, metavar="N",
                       help="a quote found more than once: the place nearest this offset")
    where.add_argument("--occurrence", type=_count, metavar="N",
                       help="a quote found more than once: the Nth place (1 = first)")
    add.add_argument("--attributed-to", metavar="T", help="whom the outlet credits")
    add.add_argument("--note", metavar="T")
    add.add_argument("--category", metavar="T",
                     help="a text claim's short categorical value, e.g. allowed (compared "
                          "across outlets ignoring case and spacing)")
    add.add_argument("--id", metavar="CLAIM_ID", help="default: the next free <source>-NN")
    add.add_argument("--status", choices=sorted(STATUSES),
                     help="default: confirmed with --fact-key, else candidate")
    add.set_defaults(run=cmd_add_claim)

    check = sub.add_parser("check", help=cmd_check.__doc__)
    _ledger_option(check)
    check.add_argument("--suite", action="append", metavar="NAME",
                       help="run only this suite (repeatable; default: every suite)")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--verbose", action="store_true",
                       help="name each expectation by its GX type too, and list those that held")
    check.add_argument("--data-docs", type=Path, metavar="DIR",
                       help="also write Great Expectations Data Docs (HTML) to DIR")
    check.add_argument("--engine", choices=("pandas", "spark"), default="pandas",
                       help="where the suites run (spark needs the [spark] extra)")
    check.add_argument("--spark-master", metavar="URL",
                       help="Spark master for --engine spark (default local[*]; "
                            "SPARK_REMOTE=sc://... uses Spark Connect)")
    check.add_argument("--claims", type=Path, metavar="FILE",
                       help="with --engine spark: read the claims from this Parquet copy "
                            "(provenance export --format parquet) instead of claims.csv")
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

    suggest = sub.add_parser("suggest-keys", help=cmd_suggest_keys.__doc__)
    _ledger_option(suggest)
    suggest.add_argument("--json", action="store_true", help="print one JSON object")
    suggest.add_argument("--write", action="store_true",
                         help="store the best suggestion in suggested_fact_key, suggestion_score")
    suggest.set_defaults(run=cmd_suggest_keys)

    accept = sub.add_parser("accept", help=cmd_accept.__doc__)
    _ledger_option(accept)
    accept.add_argument("claim_ids", nargs="*", metavar="CLAIM_ID[=FACT_KEY]",
                        help="a claim to confirm under its stored suggestion, or under FACT_KEY")
    accept.add_argument("--min-score", type=_score, metavar="S",
                        help="accept only suggestions scoring at least S (0-1)")
    accept.add_argument("--all", action="store_true", help="accept every stored suggestion")
    accept.set_defaults(run=cmd_accept)

    reject = sub.add_parser("reject", help=cmd_reject.__doc__)
    _ledger_option(reject)
    reject.add_argument("claim_ids", nargs="+", metavar="CLAIM_ID", help="claims to set aside")
    reject.set_defaults(run=cmd_reject)

    reuse = sub.add_parser("reuse", help=cmd_reuse.__doc__)
    _ledger_option(reuse)
    reuse.add_argument("--json", action="store_true",
                       help="print one JSON object, with both passages' text")
    reuse.add_argument("--min-words", type=_positive, default=6, metavar="N",
                       help="shortest passage reported, in words (default: 6)")
    reuse.set_defaults(run=cmd_reuse)

    export = sub.add_parser("export", help=cmd_export.__doc__)
    _ledger_option(export)
    export.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="prefix formula-like cells (= + - @) with an apostrophe (= --format "
             "spreadsheet-safe)",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS,
                        help="spreadsheet-safe: claims.csv; web-annotation: W3C Web Annotation "
                             "JSON-LD; schema-claims: schema.org Claims as JSON-LD; prov-json, "
                             "prov-n: W3C PROV with the quote chains; parquet: typed claims for "
                             "check --engine spark")
    export.add_argument("--output", type=Path, required=True, metavar="FILE")
    export.set_defaults(run=cmd_export)

    import_ = sub.add_parser("import", help=cmd_import.__doc__)
    import_.add_argument("file", type=Path, metavar="FILE", help="the other tool's export")
    import_.add_argument("--format", required=True, choices=IMPORT_FORMATS)
    import_.add_argument("--source", metavar="ID",
                         help="the source the file's text is (needed when the file does not "
                              "say: by its text's sha256, its text or its URL)")
    _ledger_option(import_)
    import_.set_defaults(run=cmd_import)
    return parser


def _refused(error: object, code: int) -> int:
    """Print an error as one ``provenance:`` line (control characters escaped); return code."""

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


STANDALONE = False  # True in the console script, whose process ends with the command


def run() -> None:
    """The ``provenance`` console script: :func:`main`, then exit at once.

    Python's own exit frees every object one at a time and collects the cyclic ones,
    which after a check of a million claims takes longer than a second while the report
    is already out. Every file the commands write is closed (and atomically in place)
    before they return, so only the standard streams are left to flush.
    """
    global STANDALONE
    STANDALONE = True  # this process ends with the command (settings for it alone are safe)
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
