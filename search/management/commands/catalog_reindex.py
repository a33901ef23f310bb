"""Rebuild the catalog index from every live offering and learning path; readers keep the old index until the new
one is whole."""

import time

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from search import indexing
from search.engines import ENGINE_NAMES, engine_named, indexing_engines


class Command(BaseCommand):
    help = "Rebuild the catalog index (every engine in use, or the one named) from the live offerings and paths."

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=ENGINE_NAMES,
                            help="Rebuild only this engine's index (default: every engine in use).")

    def handle(self, *args, engine=None, **options):
        try:
            engines = [engine_named(engine)] if engine else indexing_engines()
        except ValueError as error:
            raise CommandError(str(error)) from error
        ids = indexing.live_page_ids()
        documents = []
        console = Console(file=self.stderr._out, stderr=True)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as progress:
            reading = progress.add_task("Reading offerings", total=len(ids))
            for number, batch in enumerate(indexing.document_batches(ids), start=1):
                documents += batch
                progress.update(reading, completed=min(len(ids), number * indexing.BATCH_SIZE))
            timings = []
            for chosen in engines:
                writing = progress.add_task(f"Writing the {chosen.name} index", total=1)
                started = time.perf_counter()
                chosen.rebuild(documents)
                timings.append((chosen.name, time.perf_counter() - started))
                progress.update(writing, completed=1)
        for name, seconds in timings:
            self.stdout.write(f"{name}: {len(documents)} offerings and paths indexed in {seconds:.1f}s.")
