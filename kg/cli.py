"""The ``kg`` command line: thin click commands over the public API."""

from __future__ import annotations

import sys

import click

from kg.errors import KgError

EXIT_DOCUMENT_ERRORS = 1
EXIT_USAGE = 2


def _input_options(command):
    """The options every command that reads articles shares."""
    options = [
        click.argument("inputs", nargs=-1, required=True),
        click.option(
            "--model",
            envvar="KG_SPACY_MODEL",
            show_envvar=True,
            help="spaCy pipeline: en_core_web_sm (default), _md, _lg, _trf, or a path.",
        ),
        click.option(
            "--date",
            "date",
            metavar="YYYY-MM-DD",
            callback=_check_date,
            help="Publication date for documents that carry none (anchors 'last weekend').",
        ),
        click.option("--text-column", metavar="NAME", help="CSV column holding the text (default: text)."),
        click.option(
            "--actors",
            "actor_files",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="PETRARCH/Phoenix actor dictionary (repeatable).",
        ),
        click.option(
            "--agents",
            "agent_files",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="PETRARCH/Phoenix agents dictionary (repeatable).",
        ),
        click.option("--batch-size", default=32, show_default=True, help="Documents per nlp.pipe batch."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_date(ctx, param, value):
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from exc


class _Run:
    """Extractions of one command, in input order; each failed document's error goes to stderr."""

    def __init__(self, quiet: bool, **options) -> None:
        self.options = options
        self.quiet = quiet
        self.failed = 0

    def extractions(self):
        from kg.api import extract

        for extraction in extract(progress=not self.quiet, **self.options):
            if extraction.error is not None:
                self.failed += 1
                click.echo(f"kg: error: {extraction.error}", err=True)
            yield extraction

    def finish(self) -> None:
        if self.failed:
            click.echo(f"kg: {self.failed} document(s) failed; the others were processed", err=True)
            sys.exit(EXIT_DOCUMENT_ERRORS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """Read geopolitical news and build a knowledge graph of who did what to whom, when and where."""


@cli.command("extract")
@_input_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="JSON Lines file to write (atomically); default: standard output.",
)
def extract_command(output, **options) -> None:
    """Extract actors, events, relations and quotes: one JSON line per input document."""
    from kg.export.atomic import atomic_open

    run = _Run(**options)
    lines = (e.to_json() + "\n" for e in run.extractions())
    if output:
        with atomic_open(output) as handle:
            handle.writelines(lines)
    else:
        for line in lines:
            sys.stdout.write(line)
            sys.stdout.flush()
    run.finish()


@cli.command("build")
@_input_options
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for graph.ttl, graph.graphml, events.csv, extractions.jsonl, graph.html ...",
)
def build_command(outdir, **options) -> None:
    """Extract, resolve and assemble the graph; write Turtle, GraphML, CSV, JSON Lines, HTML."""
    from kg.api import KnowledgeGraph

    run = _Run(**options)
    graph = KnowledgeGraph(list(run.extractions()))
    written = graph.save(outdir)
    stats = (
        f"{len(graph.extractions)} document(s), {len(graph.actors)} actors, "
        f"{len(graph.events)} events, {len(graph.relations)} relations"
    )
    if not run.quiet:
        click.echo(f"kg: {stats}", err=True)
        for path in written:
            click.echo(f"kg: wrote {path}", err=True)
    run.finish()


@cli.command("query")
@click.argument("target", required=False, type=click.Path(exists=True))
@click.argument("query", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv"]), default="table", show_default=True
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter of a library query (repeatable).",
)
@click.option("--list", "list_only", is_flag=True, help="List the query library and exit.")
def query_command(target, query, fmt, params, list_only) -> None:
    """Run SPARQL (text, a .rq file or a library query name) on an output folder or RDF file."""
    from kg.query import format_result, list_queries, run_query

    if list_only:
        for entry in list_queries():
            click.echo(_describe_query(entry))
        return
    if target is None or query is None:
        raise click.UsageError("give TARGET and QUERY (or --list)")
    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: use NAME=VALUE", param_hint="--param")
        bindings[name] = value
    click.echo(format_result(run_query(target, query, bindings), fmt), nl=False)


def _describe_query(entry) -> str:
    name, description, params = entry.name, entry.description, entry.params
    shown = " ".join(f"--param {p}=..." for p in params)
    return f"{name:28} {description}" + (f"  [{shown}]" if shown else "")


@cli.command("validate")
@click.argument("target", type=click.Path(exists=True))
def validate_command(target) -> None:
    """Check an output folder or RDF file against the SHACL shapes (non-zero exit on violations)."""
    from kg.validate import validate

    conforms, report = validate(target)
    click.echo(report)
    if not conforms:
        sys.exit(EXIT_DOCUMENT_ERRORS)


@cli.command("export")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ttl", "nt", "trig", "jsonld", "graphml", "gexf", "csv"]),
)
@click.option(
    "--view",
    type=click.Choice(["full", "actors"]),
    default="full",
    show_default=True,
    help="For graphml/gexf: the full graph or the actor-to-actor view.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: in OUTDIR).")
def export_command(outdir, fmt, view, output) -> None:
    """Write the graph of a ``kg build`` folder in another format."""
    from kg.api import KnowledgeGraph
    from kg.export import export_format

    graph = KnowledgeGraph.load(outdir)
    path = export_format(graph.extractions, fmt, output or None, outdir=outdir, view=view)
    click.echo(f"kg: wrote {path}", err=True)


@cli.command("view")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False))
def view_command(outdir) -> None:
    """Open the interactive graph.html of a ``kg build`` folder (or print its path)."""
    from kg.view import view

    view(outdir, echo=click.echo)


@cli.group("eval")
def eval_group() -> None:
    """Score kg against gold data: CoNLL-2003 names, PLOVER and ACLED events."""


@eval_group.command("ner")
@click.option(
    "--conll",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A CoNLL-2003 file (4 columns, IOB tags), e.g. conll2003_eng.testa.",
)
@click.option("--limit", type=int, help="Only the first N documents.")
@click.option("--model", envvar="KG_SPACY_MODEL", help="spaCy pipeline (default as kg extract).")
def eval_ner_command(conll, limit, model) -> None:
    """Actor mentions against CoNLL-2003 PER/ORG/LOC, next to bare spaCy entities of the same model."""
    from kg.evaluate.report import ner_report

    click.echo(ner_report(conll, model=model, limit=limit), nl=False)


@eval_group.command("events")
@click.option(
    "--plover",
    type=click.Path(exists=True, dir_okay=False),
    help="PLOVER gold sentences (plover_gsr_cameo.json).",
)
@click.option("--acled", type=click.Path(exists=True, dir_okay=False), help="ACLED CSV with notes.")
@click.option("--published", is_flag=True, help="Give ACLED notes their event date as publication date.")
@click.option("--limit", type=int, help="Only the first N documents of each set.")
@click.option("--model", envvar="KG_SPACY_MODEL", help="spaCy pipeline (default as kg extract).")
def eval_events_command(plover, acled, published, limit, model) -> None:
    """PLOVER type and (type, source, target) accuracy; ACLED event, type, actor, date, place."""
    from kg.evaluate.report import events_report

    if not plover and not acled:
        raise click.UsageError("give --plover FILE and/or --acled FILE")
    click.echo(
        events_report(plover=plover, acled=acled, model=model, limit=limit, published=published), nl=False
    )


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 2."""
    try:
        cli(standalone_mode=True)
    except KgError as exc:
        click.echo(f"kg: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
