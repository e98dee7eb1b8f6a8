"""A prebuilt program is today's build only while none of its sources changed, and the tests say which did."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import prebuilt_project
from toolchain import prebuilt
from toolchain.prebuilt import JAVA, PrebuiltProgram, stale_problem


def _program(root: Path) -> PrebuiltProgram:
    """A program in ``root/prog`` on an SDK in ``root/sdk``, built into ``prog/target/app.jar``."""
    (root / "sdk" / "src" / "pkg").mkdir(parents=True)
    (root / "sdk" / "src" / "pkg" / "Sdk.java").write_text("class Sdk {}\n")
    (root / "sdk" / "pom.xml").write_text("<project/>\n")  # beside the sources: not one of them
    program = root / "prog"
    (program / "src").mkdir(parents=True)
    (program / "src" / "App.java").write_text("class App {}\n")
    (program / "pom.xml").write_text("<project/>\n")
    (program / "Pulumi.yaml").write_text("# How to run it.\nname: prog\nruntime: java\ndescription: x\n")
    return PrebuiltProgram(
        name="prog",
        make_target="plugin-prog",
        program=program,
        artefact=program / "target" / "app.jar",
        sources=(root / "sdk" / "src", program),
        build_output=(program / "target",),
        root=root,
    )


def _build(program: PrebuiltProgram) -> None:
    """What the make target does: begin, build, commit."""
    prebuilt.begin(program)
    program.artefact.write_bytes(b"jar")
    prebuilt.commit(program)


def test_todays_build_stays_current_through_build_output_and_stack_config(tmp_path: Path) -> None:
    program = _program(tmp_path)
    _build(program)
    assert stale_problem(program) is None
    # What the build and the CLI write into the program's folder is not a source.
    (program.artefact.parent / "classes").mkdir()
    (program.artefact.parent / "classes" / "App.class").write_bytes(b"class")
    (program.program / "Pulumi.test.yaml").write_text("config: {}\n")
    (program.program / "Pulumi.yaml").write_text("name: prog\nruntime: java\n")
    (tmp_path / "sdk" / "pom.xml").write_text("<project>changed</project>\n")
    assert stale_problem(program) is None


def test_a_changed_added_or_deleted_source_makes_it_stale_naming_files_and_target(tmp_path: Path) -> None:
    program = _program(tmp_path)
    _build(program)
    (tmp_path / "sdk" / "src" / "pkg" / "Sdk.java").write_text("class Sdk { int x; }\n")
    (program.program / "src" / "Helper.java").write_text("class Helper {}\n")
    (program.program / "pom.xml").unlink()
    problem = stale_problem(program)
    assert problem == (
        "prog/target/app.jar is stale: prog/pom.xml (deleted), prog/src/Helper.java (new), "
        "sdk/src/pkg/Sdk.java changed since it was built; run `make plugin-prog`"
    )
    # Rebuilding makes it current again.
    _build(program)
    assert stale_problem(program) is None


def test_a_touched_but_unchanged_source_is_not_a_change(tmp_path: Path) -> None:
    program = _program(tmp_path)
    _build(program)
    source = tmp_path / "sdk" / "src" / "pkg" / "Sdk.java"
    source.write_text(source.read_text())  # a newer mtime, the same contents (a checkout does this)
    assert stale_problem(program) is None


def test_many_changes_are_counted_after_the_first_few(tmp_path: Path) -> None:
    program = _program(tmp_path)
    _build(program)
    for index in range(prebuilt.NAMED_CHANGES + 3):
        (program.program / "src" / f"New{index}.java").write_text("class X {}\n")
    problem = stale_problem(program)
    assert problem is not None and problem.count("(new)") == prebuilt.NAMED_CHANGES
    assert " and 3 more changed since it was built; run `make plugin-prog`" in problem


def test_a_missing_build_or_record_names_the_target(tmp_path: Path) -> None:
    program = _program(tmp_path)
    assert stale_problem(program) == "prog/target/app.jar is missing; run `make plugin-prog`"
    _build(program)
    program.record.unlink()
    assert stale_problem(program) == (
        "prog/target/app.jar has no record of the sources it was built from "
        "(prog/target/app.jar.sources.json); run `make plugin-prog`"
    )


def test_a_failed_build_leaves_no_record(tmp_path: Path) -> None:
    program = _program(tmp_path)
    _build(program)
    prebuilt.begin(program)  # the build that follows fails: commit never runs
    problem = stale_problem(program)
    assert problem is not None and "has no record of the sources" in problem
    program.artefact.unlink()
    with pytest.raises(SystemExit, match=re.escape("prog/target/app.jar was not built")):
        prebuilt.commit(program)


def test_fresh_exits_1_with_the_reason_until_the_build_is_todays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    program = _program(tmp_path)
    monkeypatch.setitem(prebuilt.PREBUILT, "prog", program)
    assert prebuilt.main(["fresh", "prog"]) == 1
    assert capsys.readouterr().out == "prog/target/app.jar is missing\n"
    assert prebuilt.main(["begin", "prog"]) == 0
    program.artefact.write_bytes(b"jar")
    assert prebuilt.main(["commit", "prog"]) == 0
    assert prebuilt.main(["fresh", "prog"]) == 0


def test_the_staged_project_is_the_checked_in_one_running_the_build(tmp_path: Path) -> None:
    program = _program(tmp_path / "repo")
    _build(program)
    project = prebuilt_project(program, tmp_path / "stage")
    text = (project / "Pulumi.yaml").read_text()
    assert project == tmp_path / "stage" / "prog"
    assert "# How to run it.\nname: prog\n" in text and "description: x\n" in text
    assert "runtime:\n  name: java\n  options:\n    binary: target/app.jar\n" in text
    assert f'main: "{program.program}"\n' in text
    assert "runtime: java" not in text


def test_a_stale_build_fails_the_staging_naming_the_target(tmp_path: Path) -> None:
    program = _program(tmp_path)
    _build(program)
    (program.program / "src" / "App.java").write_text("class App { }\n")
    with pytest.raises(pytest.fail.Exception, match=re.escape("run `make plugin-prog`")):
        prebuilt_project(program, tmp_path / "stage")


def test_the_java_programs_record_covers_what_its_pom_compiles_in() -> None:
    pom = (JAVA.program / "pom.xml").read_text()
    sdk = re.search(r"<sdk\.java>\$\{project\.basedir\}/([^<]+)</sdk\.java>", pom)
    assert sdk is not None, "plugin_java/pom.xml no longer names sdk/java as <sdk.java>"
    sdk_java = (JAVA.program / sdk.group(1)).resolve()
    read = [sdk_java / path for path in re.findall(r"\$\{sdk\.java\}/([^<]+)<", pom)]
    assert read, "plugin_java/pom.xml compiles nothing of sdk/java in"
    for path in read:
        assert any(path.is_relative_to(source) for source in JAVA.sources), (path, JAVA.sources)
    assert JAVA.artefact.name == re.findall(r"<finalName>([^<]+)</finalName>", pom)[0] + ".jar"
