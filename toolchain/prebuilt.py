"""The language programs the real-CLI tests run prebuilt: what each is built from, whether a build is today's.

Left to itself the Java language host rebuilds the program on every ``pulumi`` command (``mvn compile
exec:java``, twice per preview or up: once to list the plugins, once to run). ``make plugin-java`` builds
tests/e2e/programs/plugin_java's jar once instead, and the test hands it to the host through Pulumi's own
``runtime.options.binary`` (pulumi-java's jar executor). The Go and TypeScript programs are not here: the
Go and Node.js hosts buildable here (sdk/v3 v3.62.0 and v3.68.0) read runtime options only from
command-line flags, which CLI 3.274 no longer passes (it sends them in ProgramInfo), so ``binary`` and
``typescript: false`` would be ignored and the host would build the program anyway.

A build is only as good as the sources it was built from, so each one records them: the make target runs
``python -m toolchain.prebuilt begin NAME`` before building (the digest of every source file, written
beside the artefact as pending; any earlier record is removed first, so a failed build leaves none) and
``commit NAME`` after (the pending record becomes the build's). ``why_stale`` compares that record with
the sources as they are now: a file changed, added or deleted in the SDK or the program since the build
makes the test fail, naming the files and the make target. Contents are compared, not times, so a
checkout that touches files without changing them rebuilds nothing and a deletion is still noticed.
``fresh NAME`` (exit status 0 or 1) lets make skip a build that is already today's.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolchain.paths import ROOT

PROGRAMS = ROOT / "tests" / "e2e" / "programs"
"""Where the real-CLI tests' programs are checked in."""

NOT_SOURCE = ("Pulumi.yaml", "Pulumi.*.yaml")
"""Files in a program's folder that no build reads: the project file and the stack config an in-place
``pulumi`` run writes beside it (the tests stage their own project file: tests/conftest.py)."""

#: How many changed files a stale build's message names before it says how many more.
NAMED_CHANGES = 5


@dataclass(frozen=True)
class PrebuiltProgram:
    """One program built once by ``make_target`` into ``artefact`` from ``sources``."""

    name: str
    """The name ``python -m toolchain.prebuilt`` knows it by."""
    make_target: str
    """The ``make`` target that builds it (and that a stale or missing build's message names)."""
    program: Path
    """The checked-in program's folder (the one with its Pulumi.yaml)."""
    artefact: Path
    """What the build makes, and what the language host runs (``runtime.options.binary``)."""
    sources: tuple[Path, ...]
    """Every file or folder the build reads (folders: every file under them, but ``build_output``)."""
    build_output: tuple[Path, ...]
    """Folders under ``sources`` that the build writes into (never sources themselves)."""
    root: Path = ROOT
    """What the record's paths are relative to."""

    @property
    def record(self) -> Path:
        """The digests of the files the artefact was built from, beside it (``make clean`` removes both)."""
        return self.artefact.with_name(self.artefact.name + ".sources.json")

    @property
    def pending_record(self) -> Path:
        """The record of a build under way (``begin``); ``commit`` makes it ``record``."""
        return self.record.with_name(self.record.name + ".pending")

    def display(self, path: Path) -> str:
        """``path`` as the messages show it: relative to the repository."""
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)


JAVA = PrebuiltProgram(
    name="java",
    make_target="plugin-java",
    program=PROGRAMS / "plugin_java",
    # mvn package: the program's classes and sdk/java's (build-helper-maven-plugin compiles them in), a
    # manifest naming the main class and the dependencies maven-dependency-plugin copies to target/lib.
    artefact=PROGRAMS / "plugin_java" / "target" / "plugin-java.jar",
    sources=(ROOT / "sdk" / "java" / "src", PROGRAMS / "plugin_java"),
    build_output=(PROGRAMS / "plugin_java" / "target",),
)
PREBUILT = {build.name: build for build in (JAVA,)}
"""Every prebuilt program, by name."""


def _source_files(build: PrebuiltProgram) -> Iterator[Path]:
    for source in build.sources:
        if source.is_file():
            yield source
            continue
        for folder, subfolders, files in os.walk(source):
            here = Path(folder)
            subfolders[:] = sorted(name for name in subfolders if here / name not in build.build_output)
            for name in sorted(files):
                if not any(fnmatch.fnmatchcase(name, pattern) for pattern in NOT_SOURCE):
                    yield here / name


def source_digests(build: PrebuiltProgram) -> dict[str, str]:
    """The SHA-256 of every file ``build`` is made from today, by its path relative to ``build.root``."""
    return {
        path.relative_to(build.root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in _source_files(build)
    }


def _changes(recorded: dict[str, str], today: dict[str, str]) -> list[str]:
    changes = []
    for path in sorted(recorded.keys() | today.keys()):
        if path not in today:
            changes.append(f"{path} (deleted)")
        elif path not in recorded:
            changes.append(f"{path} (new)")
        elif recorded[path] != today[path]:
            changes.append(path)
    return changes


def why_stale(build: PrebuiltProgram) -> str | None:
    """Why ``build.artefact`` is not today's build of its sources (missing, unrecorded, changed), or None."""
    artefact = build.display(build.artefact)
    if not build.artefact.is_file():
        return f"{artefact} is missing"
    try:
        recorded = json.loads(build.record.read_text())
    except (OSError, ValueError):
        return f"{artefact} has no record of the sources it was built from ({build.display(build.record)})"
    changes = _changes(recorded, source_digests(build))
    if not changes:
        return None
    named = ", ".join(changes[:NAMED_CHANGES])
    more = f" and {len(changes) - NAMED_CHANGES} more" if len(changes) > NAMED_CHANGES else ""
    return f"{artefact} is stale: {named}{more} changed since it was built"


def stale_problem(build: PrebuiltProgram) -> str | None:
    """``why_stale`` and the ``make`` target that rebuilds it, for a test to fail with; None when current."""
    reason = why_stale(build)
    return f"{reason}; run `make {build.make_target}`" if reason else None


def begin(build: PrebuiltProgram) -> None:
    """Before a build: forget the previous build's record and note the sources this one starts from.

    Noting them before the build, not after, means a source edited while the build runs makes the result
    stale rather than recorded as built from the edit.
    """
    build.record.unlink(missing_ok=True)
    build.pending_record.parent.mkdir(parents=True, exist_ok=True)
    build.pending_record.write_text(json.dumps(source_digests(build), indent=1, sort_keys=True) + "\n")


def commit(build: PrebuiltProgram) -> None:
    """After a successful build: the sources ``begin`` noted become the record of ``build.artefact``."""
    if not build.artefact.is_file():
        raise SystemExit(f"{build.display(build.artefact)} was not built")
    build.pending_record.replace(build.record)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m toolchain.prebuilt {fresh,begin,commit} NAME``, for the Makefile's build targets."""
    parser = argparse.ArgumentParser(prog="python -m toolchain.prebuilt", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("fresh", "begin", "commit"))
    parser.add_argument("name", choices=sorted(PREBUILT))
    arguments = parser.parse_args(argv)
    build = PREBUILT[arguments.name]
    if arguments.action == "fresh":
        reason = why_stale(build)
        if reason:
            print(reason)
            return 1
        return 0
    if arguments.action == "begin":
        begin(build)
    else:
        commit(build)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
