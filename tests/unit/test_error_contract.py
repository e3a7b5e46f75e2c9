"""The error contract, where no server is needed: one line (and at most one hint) per user
error, exit 1; misuse exit 2; no traceback, and no driver log lines, ever reach a user."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from explorer import Explorer
from explorer.cli import main
from explorer.names import fuzzy
from loader.errors import ExplorerError

UNREACHABLE = "bolt://127.0.0.1:1"


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def error_lines(result: Result) -> list[str]:
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.output + result.stderr
    return lines


# EXPLORER_QUERIES_PATH: a broken query file or folder is skipped with one warning line each


@pytest.fixture
def broken_queries(tmp_path: Path) -> Path:
    (tmp_path / "header.cypher").write_text("// nme: oops\nRETURN 1\n", "utf-8")
    (tmp_path / "binary.cypher").write_bytes(b"// name: bin\n\xff\xfe\n")
    (tmp_path / "folder.cypher").mkdir()
    (tmp_path / "good.cypher").write_text("// name: mine\n// Mine.\nRETURN 1 AS one\n", "utf-8")
    (tmp_path / "twin.cypher").write_text("// name: mine\n// Twin.\nRETURN 2 AS two\n", "utf-8")
    return tmp_path


def test_broken_query_files_are_skipped_with_one_warning_line_each(broken_queries: Path) -> None:
    missing = broken_queries / "missing"
    path = os.pathsep.join([str(broken_queries), str(missing)])
    result = run("queries", "--format", "csv", env={"EXPLORER_QUERIES_PATH": path})
    assert result.exit_code == 0, result.output
    assert sorted(error_lines(result)) == sorted(
        [
            f"warning: {broken_queries / 'binary.cypher'}:2: not UTF-8 text (byte 0xff)"
            " (query file skipped)",
            f"warning: {broken_queries / 'folder.cypher'}:1: cannot read it: Is a directory"
            " (query file skipped)",
            f"warning: {broken_queries / 'header.cypher'}:1: first line must be"
            " `// name: <query-name>` (query file skipped)",
            f"warning: {broken_queries / 'twin.cypher'}:1: query 'mine' is also defined in"
            f" {broken_queries / 'good.cypher'} (query file skipped)",
            f"warning: EXPLORER_QUERIES_PATH: {missing} is not a folder; its queries are skipped",
        ]
    )
    names = [line.split(",")[0] for line in result.stdout.splitlines()]
    assert "mine" in names and "find" in names, "good queries, packaged and the user's, stay"


# NEO4J_URI: an empty value or a scheme the explorer does not speak is one line, exit 1


SCHEMES = "use one of bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://"
EXAMPLE = "for example bolt://127.0.0.1:7687, or neo4j+s://xxxx.databases.neo4j.io for Aura"
EMPTY = (
    "Error: the Neo4j URI is empty (NEO4J_URI or --uri); unset it to use the default "
    "bolt://127.0.0.1:7687, or set it to a bolt:// URI"
)


@pytest.mark.parametrize(
    ("env", "args", "line"),
    [
        ({"NEO4J_URI": "http://127.0.0.1:7474"}, (),
         f"Error: cannot use NEO4J_URI 'http://127.0.0.1:7474': {SCHEMES}; {EXAMPLE}"),
        ({}, ("--uri", "localhost:7687"),
         f"Error: cannot use NEO4J_URI 'localhost:7687': {SCHEMES}; {EXAMPLE}"),
        ({"NEO4J_URI": ""}, (), EMPTY),
        ({}, ("--uri", ""), EMPTY),
    ],
)  # fmt: skip
def test_a_uri_that_cannot_work_is_one_line_saying_what_works(
    env: dict[str, str | None], args: tuple[str, ...], line: str
) -> None:
    result = run(*args, "find", "putin", env=env)
    assert result.exit_code == 1
    assert error_lines(result) == [line]


# misuse: an unknown tie type is exit 2, before any name is looked up or server reached


@pytest.mark.parametrize(
    "verb",
    [["links", "a", "b"], ["neighbors", "a"], ["common", "a", "b"], ["timeline", "a"],
     ["brokers", "a", "b"]],
)  # fmt: skip
def test_an_unknown_tie_type_is_misuse(verb: list[str]) -> None:
    result = run("--uri", UNREACHABLE, *verb, "--via", "OWNED_BY")
    assert result.exit_code == 2
    assert error_lines(result)[-1] == "Error: no tie type 'OWNED_BY'; see `explorer schema`"


@pytest.mark.parametrize(
    "command",
    [["query", "neighbors", "-p", "id", "russia", "-p", "types", "OWNED_BY"],
     ["export", "--query", "common", "-p", "a", "x", "-p", "b", "y", "-p", "types", "OWNED_BY"]],
)  # fmt: skip
def test_an_unknown_tie_type_given_as_a_query_parameter_is_misuse(command: list[str]) -> None:
    result = run("--uri", UNREACHABLE, *command)
    assert result.exit_code == 2
    assert error_lines(result)[-1] == "Error: no tie type 'OWNED_BY'; see `explorer schema`"


# Lucene: the word operators of typed text are plain words


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("NOT Guilty", '"not Guilty"^4 not not* Guilty~ Guilty*'),
        ("Bosnia AND Herzegovina", '"Bosnia and Herzegovina"^4 Bosnia~ Bosnia* and and* '
         "Herzegovina~ Herzegovina*"),
        ("war OR peace", '"war or peace"^4 war war* or or* peace~ peace*'),
    ],
)  # fmt: skip
def test_lucene_word_operators_in_typed_text_are_plain_words(text: str, query: str) -> None:
    assert fuzzy(text) == query


# a server that never answers, or dies: one line, in seconds, and no driver log noise


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


def test_a_port_that_never_answers_fails_in_seconds(silent_port: int) -> None:
    started = time.monotonic()
    result = run("--uri", f"bolt://127.0.0.1:{silent_port}", "find", "putin")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith(f"Error: cannot reach Neo4j at bolt://127.0.0.1:{silent_port}; start")


def _string(text: str) -> bytes:
    data = text.encode()
    return bytes([0x80 + len(data)]) + data


SUCCESS = bytes([0xB1, 0x70, 0xA2]) + b"".join(
    map(_string, ["server", "Neo4j/5.26.0", "connection_id", "bolt-1"])
)
RUN_OR_BEGIN = (0x10, 0x11)


def _messages(conn: socket.socket) -> Iterator[bytes]:
    """Bolt messages (chunks joined) read from a connection until it closes."""
    buffer = b""

    def take(size: int) -> bytes:
        nonlocal buffer
        while len(buffer) < size:
            data = conn.recv(65536)
            if not data:
                raise EOFError
            buffer += data
        head, buffer = buffer[:size], buffer[size:]
        return head

    while True:
        body = b""
        while size := int.from_bytes(take(2), "big"):
            body += take(size)
        yield body


def _log_in_then_die(conn: socket.socket) -> None:
    with conn:
        conn.recv(20)
        conn.sendall(bytes([0, 0, 4, 5]))  # Bolt 5.4
        try:
            for body in _messages(conn):
                if body and body[1] in RUN_OR_BEGIN:
                    return  # the server dies at the first query
                conn.sendall(len(SUCCESS).to_bytes(2, "big") + SUCCESS + b"\0\0")
        except EOFError:
            return


@pytest.fixture
def dying_server() -> Iterator[int]:
    """A Bolt server that accepts the login, then dies whenever a query comes."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=_log_in_then_die, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


def test_a_server_that_dies_gives_one_line_and_no_driver_log_lines(dying_server: int) -> None:
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{dying_server}"}
    done = subprocess.run(
        [sys.executable, "-c", "from explorer.cli import main; main()", "find", "putin"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: cannot reach Neo4j at bolt://127.0.0.1:{dying_server}; start one with "
        "`explorer server start`, or `docker compose up -d`"
    ]


def test_an_empty_neo4j_uri_is_refused_by_the_python_api_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEO4J_URI", "")
    with Explorer() as ex, pytest.raises(ExplorerError, match=r"^the Neo4j URI is empty"):
        ex.find("putin")
