"""Where the emulator keeps its resources: in memory, or in SQLite when given a path.

Records are JSON documents addressed by (region, kind, key), so state is naturally per
region. One lock serialises every transaction: requests are short and this keeps each
read-modify-write atomic without per-record locking.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

Document = dict[str, Any]


class Store(Protocol):
    """What handlers need from storage; use every method inside ``transaction()``."""

    def transaction(self) -> Any:
        """Context manager making the enclosed reads and writes atomic (and durable on exit)."""

    def get(self, region: str, kind: str, key: str) -> Document | None:
        """The document stored under the key, or None."""

    def put(self, region: str, kind: str, key: str, doc: Document) -> None:
        """Insert or replace a document (replacing keeps its original listing position)."""

    def all(self, region: str, kind: str) -> list[Document]:
        """Every document of a kind in a region, oldest first."""

    def clear(self) -> None:
        """Forget everything, in every region."""

    def close(self) -> None:
        """Release resources (the SQLite connection)."""


class MemoryStore:
    """State that lives as long as the process."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._records: dict[tuple[str, str], dict[str, Document]] = {}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the store's lock for the enclosed block."""
        with self._lock:
            yield

    def get(self, region: str, kind: str, key: str) -> Document | None:
        """The document stored under the key, or None (a copy: callers may mutate it)."""
        with self._lock:
            doc = self._records.get((region, kind), {}).get(key)
            return copy.deepcopy(doc) if doc is not None else None

    def put(self, region: str, kind: str, key: str, doc: Document) -> None:
        """Insert or replace a document."""
        with self._lock:
            self._records.setdefault((region, kind), {})[key] = copy.deepcopy(doc)

    def all(self, region: str, kind: str) -> list[Document]:
        """Every document of a kind in a region, oldest first."""
        with self._lock:
            return [copy.deepcopy(d) for d in self._records.get((region, kind), {}).values()]

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._records.clear()

    def close(self) -> None:
        """Nothing to release."""


class SqliteStore:
    """State in a SQLite file: every transaction is committed when it ends, so it survives restarts."""

    def __init__(self, path: str | Path) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        # One connection shared under the lock; check_same_thread is off because request
        # threads take turns on it.
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS records ("
            " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            " region TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL,"
            " UNIQUE (region, kind, key))"
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one SQLite transaction (nested calls join the outer one)."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._db.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._db.execute("COMMIT")

    def get(self, region: str, kind: str, key: str) -> Document | None:
        """The document stored under the key, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT doc FROM records WHERE region = ? AND kind = ? AND key = ?", (region, kind, key)
            ).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, region: str, kind: str, key: str, doc: Document) -> None:
        """Insert or replace a document."""
        with self.transaction():
            self._db.execute(
                "INSERT INTO records (region, kind, key, doc) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (region, kind, key) DO UPDATE SET doc = excluded.doc",
                (region, kind, key, json.dumps(doc)),
            )

    def all(self, region: str, kind: str) -> list[Document]:
        """Every document of a kind in a region, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT doc FROM records WHERE region = ? AND kind = ? ORDER BY seq", (region, kind)
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def clear(self) -> None:
        """Forget everything."""
        with self.transaction():
            self._db.execute("DELETE FROM records")

    def close(self) -> None:
        """Close the connection (everything is already committed)."""
        with self._lock:
            self._db.close()


def open_store(state_path: str | Path | None) -> Store:
    """A SQLite store at ``state_path``, or an in-memory one when it is None."""
    return SqliteStore(state_path) if state_path is not None else MemoryStore()
