"""`explorer load --bulk`: a first load into an empty local server through neo4j-admin import.

The server is stopped, `neo4j-admin database import full` writes a new `neo4j` database
from CSV files, and the server starts again and gets its constraints and indexes. Nothing
is visible until the import has finished, and a failed import leaves the empty database.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory
from urllib.parse import urlparse

from explorer.db import Database, translate_errors
from explorer.server.instance import Instance
from explorer.server.paths import default_instance_dir
from explorer.settings import Settings
from loader.bulk import IMPORT_OPTIONS, write_import_files
from loader.errors import ExplorerError
from loader.importers.base import ImportResult
from loader.load import create_schema, record_dataset, regroup_keyed
from loader.report import LoadReport

Say = Callable[[str], None]
EMPTY_IT = "explorer cypher --write 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS'"


def local_instance(settings: Settings, home: Path | None = None) -> Instance:
    """The local server (of `explorer server start`) that `settings` point at, running."""
    instance = Instance(home or default_instance_dir())
    address = urlparse(settings.uri)
    port = instance.configured_bolt_port()
    local = address.hostname in ("127.0.0.1", "localhost") and address.port == port
    if instance.pid() is None or not local or port is None:
        raise ExplorerError(
            f"--bulk needs the local server of `explorer server start`, and {settings.uri} "
            "is not it",
            hint="start it (explorer server start), or load without --bulk",
        )
    return replace(instance, bolt_port=port)


def bulk_load(instance: Instance, settings: Settings, result: ImportResult, say: Say) -> LoadReport:
    """Import `result` into the instance's empty `neo4j` database, and record its dataset;
    report what it holds."""
    started = time.perf_counter()
    _refuse_unless_empty(settings)
    report = LoadReport(dataset=result.dataset)
    with TemporaryDirectory(prefix="bulk-", dir=instance.home / "import") as directory:
        say("writing the import files ...")
        files = write_import_files(result.nodes, result.ties, result.dataset, Path(directory))
        say("stopping the server ...")
        instance.stop()
        try:
            say("importing with neo4j-admin ...")
            # Without --report-file the tool leaves import.report in the user's folder.
            report_file = f"--report-file={Path(directory) / 'import.report'}"
            instance.import_full(*IMPORT_OPTIONS, report_file, *files.arguments)
        finally:
            say("starting the server ...")
            instance.start(configure=False)
    say("creating constraints and indexes ...")
    with Database(settings) as db, translate_errors(settings):
        create_schema(db.driver, settings.database)
        if files.keyed:
            say("grouping records that share strong keys ...")
            regroup_keyed(db.driver, settings.database, files.keyed)
        counts = (files.nodes.total(), files.ties.total())
        record_dataset(
            db.driver,
            settings.database,
            result.dataset,
            result.version,
            result.files,
            counts,
            types=list(files.ties),
        )
    report.nodes_created, report.ties_created = files.nodes, files.ties
    report.rows = files.nodes.total() + files.ties.total()
    report.seconds = time.perf_counter() - started
    return report


def _refuse_unless_empty(settings: Settings) -> None:
    if settings.database != "neo4j":
        raise ExplorerError("--bulk writes the `neo4j` database, the one Community edition has")
    with Database(settings) as db:
        nodes = db.run("MATCH (n) RETURN count(n) AS n").rows[0]["n"]
    if nodes:
        raise ExplorerError(
            f"--bulk writes a new database, and {settings.database} holds {nodes:,} nodes",
            hint=f"load without --bulk, or empty it first: {EMPTY_IT}",
        )
