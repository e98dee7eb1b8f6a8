"""The provider plugin from a Java program on the generated SDK, through the real CLI.

The program (tests/e2e/programs/plugin_java) is plugin_yaml's and plugin_ts's in Java, on
``sdk/java`` as checked in: its pom.xml compiles the SDK's sources in (build-helper-maven-plugin),
so nothing is installed or written into ``sdk/``. ``make plugin-java`` builds it once with Maven into
``target/plugin-java.jar`` (its dependencies in ``target/lib``, named by the jar's manifest), whose
packages come from ``~/.m2``; a build older than sdk/java's or the program's sources fails the test,
naming that target (toolchain/prebuilt.py). The Java language host is the one ``make hosts`` builds
(pulumi-java's pkg v1.22.0, the newest the module proxy serves); given the jar as
``runtime.options.binary`` (``prebuilt_project``) it runs ``java -jar`` and ``java -cp … packages``
instead of ``mvn compile exec:java`` twice per preview and up. The plugin
(``pulumi-resource-workspacesinstances``) is found on PATH, as for YAML.

The Java SDK leaves a component's provider to the engine: this test is also the one that proves the
component's child then shares the program's default provider (``check_program_lifecycle`` asserts
one provider), see ``plugin.workspace.child_version``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import prebuilt_project, require_executables
from tests.e2e.test_plugin_yaml import ProgramLifecycle
from toolchain.paths import PLUGIN_EXECUTABLE, PULUMI_ROOT
from toolchain.prebuilt import JAVA


@pytest.fixture(autouse=True)
def _java_host_plugin_and_jvm() -> None:
    host = PULUMI_ROOT / "bin" / "pulumi-language-java"
    require_executables(host, PLUGIN_EXECUTABLE, make="hosts venv plugin-java")
    if shutil.which("java") is None:
        pytest.fail("java is not on PATH: the Java program needs a JDK (11 or later), and Maven to build it")


@pytest.mark.e2e
def test_java_program_lifecycle_on_the_generated_sdk(
    program_lifecycle: ProgramLifecycle, tmp_path: Path
) -> None:
    program_lifecycle(prebuilt_project(JAVA, tmp_path / "programs"))
