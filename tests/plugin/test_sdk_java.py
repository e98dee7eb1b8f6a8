"""The Java SDK checked in under ``sdk/java`` compiles with Maven, and its build names the schema's package.

``scripts/gen-sdks`` writes ``sdk/java`` with ``scripts/gen-sdk-java`` (pulumi-java's own code
generator); ``tests/plugin/test_sdks.py`` proves that regenerating it changes nothing, as for the
other languages. Here a copy of it (nothing is ever written into ``sdk/``) is built with
``mvn package`` against the Pulumi Java SDK its generated ``pom.xml`` names, from Maven's local
repository (``~/.m2``, which outlives a fresh clone) and offline; only when that repository lacks
something is Maven run once online to fetch it (``make sdk-java`` does the same ahead of time).
Java (11 or later) and Maven must be on PATH: without them the test fails rather than skips.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from tests.plugin.test_sdks import SCHEMA, _copy

# Maven builds the SDK: not in the inner loop (make check).
pytestmark = pytest.mark.toolchain

#: A first online build fetches the Pulumi Java SDK and Maven's plugins (about a minute); warm
#: offline builds take 10 to 20 s on 2 shared cores.
BUILD_SECONDS = 420
#: What Maven prints when an offline build lacks an artifact in the local repository.
OFFLINE_MISSES = ("offline mode", "has not been downloaded from it before", "Cannot access")


def _need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.fail(
            f"{program} is not on PATH: the Java SDK check needs a JDK (11 or later) and Maven; "
            "install them (e.g. Debian's openjdk-17-jdk-headless and maven)"
        )
    return path


def _maven(mvn: str, cwd: Path, *, offline: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [mvn, "--batch-mode", "--quiet", *(["--offline"] if offline else []), "package"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=BUILD_SECONDS,
        check=False,
    )


def test_the_java_sdk_compiles(tmp_path: Path) -> None:
    _need("java")
    mvn = _need("mvn")
    schema = json.loads(SCHEMA.read_text())
    name, version = schema["name"], str(schema["version"])

    source = _copy("java", tmp_path)
    pom = source / "pom.xml"
    assert pom.is_file(), "sdk/java/pom.xml is missing; run `make sdk`"
    pom_text = pom.read_text()
    assert f"<artifactId>{name}</artifactId>" in pom_text and f"<version>{version}</version>" in pom_text, (
        f"sdk/java/pom.xml does not build {name} {version} (the schema's); run `make sdk`"
    )

    started = time.monotonic()
    built = _maven(mvn, source, offline=True)
    how = "offline"
    if built.returncode != 0 and any(miss in built.stdout + built.stderr for miss in OFFLINE_MISSES):
        # The local repository lacks the Pulumi Java SDK or a Maven plugin: fetch them once.
        built = _maven(mvn, source, offline=False)
        how = "online (the local Maven repository lacked artifacts)"
    assert built.returncode == 0, (
        f"mvn package of the Java SDK failed ({how}, {built.returncode}):\n{built.stdout}\n{built.stderr}"
    )
    print(f"mvn package of sdk/java: {how}, {time.monotonic() - started:.1f}s")

    jar_path = source / "target" / f"{name}-{version}.jar"
    assert jar_path.is_file(), (
        f"mvn package wrote no {jar_path.name}: {sorted((source / 'target').iterdir())}"
    )
    with zipfile.ZipFile(jar_path) as jar:
        entries = set(jar.namelist())
        # The schema's language.java.basePackage, then the package's name (the generator's rule).
        base_package = schema.get("language", {}).get("java", {}).get("basePackage", "com.pulumi")
        base = f"{base_package.replace('.', '/')}/{name}"
        # What the Java language host and the SDK's Utilities read at run time.
        plugin = json.loads(jar.read(f"{base}/plugin.json"))
        assert jar.read(f"{base}/version.txt").decode().strip() == version
    assert plugin == {"resource": True, "name": name, "version": version}
    classes = {
        token.rsplit(":", 1)[1]
        for token in schema["resources"]
        if re.fullmatch(r"[A-Za-z]+", token.rsplit(":", 1)[1])
    }
    missing = sorted(cls for cls in classes if f"{base}/{cls}.class" not in entries)
    assert not missing, f"the Java SDK's jar lacks classes for the schema's resources: {missing}"
    assert f"{base}/{name.capitalize()}Functions.class" in entries, "the Java SDK has no functions class"
