"""The SDKs checked in under ``sdk/`` are what the generators write from the plugin's schema, and they build.

``scripts/gen-sdks`` (``make sdk``) writes them from ``plugin/schema.json``. Here it writes
them again into a temporary folder, and the two trees must match byte for byte. Then each SDK is built
the way its users would, from a copy (nothing is ever written into ``sdk/``):

* Python: installed with pip by scripts/install-python-sdk, as ``make plugin-python`` installs it
  (its ``_utilities`` reads the version from the installed distribution, so it cannot be
  imported from the source folder), imported, and driven through Pulumi's mocks;
* Go: ``go build ./...`` with the checked-in ``sdk/go.mod`` and ``go.sum`` (the SDK's module sits at
  ``sdk/``, as in Pulumi provider repositories; ``make sdk`` replaces ``sdk/go`` only), which must be
  tidy, name the module the schema's ``importBasePath`` lives in, and require the Pulumi Go SDK of the
  CLI's pin;
* TypeScript: ``tsc`` with the generated ``tsconfig.json``, with the locked packages ``make sdk-js``
  installs (the compiler the SDK's ``package.json`` asks for, and the Pulumi Node.js SDK).

C# is generated and compared but not built: there is no .NET SDK on these machines.
The first run builds the generator (a few minutes, then cached per user: see ``scripts/gen-sdks``).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import install_python_sdk
from toolchain.paths import ROOT, VENV_BIN

# Go, tsc and pip build every check here: not in the inner loop (make check).
pytestmark = pytest.mark.toolchain

SDK = ROOT / "sdk"
GEN_SDKS = ROOT / "scripts" / "gen-sdks"
SCHEMA = ROOT / "plugin" / "schema.json"
#: The languages scripts/gen-sdks writes, each into sdk/<language>.
LANGUAGES = ("nodejs", "go", "python", "dotnet", "java")
#: Files of sdk/ itself that are written by hand, not generated (go.mod and go.sum: the Go SDK's module).
HAND_WRITTEN = {"README.md", "go.mod", "go.sum"}
#: Where ``make sdk-js`` installs the TypeScript compiler and @pulumi/pulumi.
SDK_JS = Path(__file__).resolve().parent / "ts_sdk"
#: The Go SDK builds against the Pulumi Go SDK of the CLI's pin (scripts/install-pulumi), which
#: sdk/go.mod requires.
PULUMI_GO_SDK = ("github.com/pulumi/pulumi/sdk/v3", "v3.274.1")
#: The first run builds the generator (about 2 min on 2 cores, cold); later runs take a second.
GENERATE_SECONDS = 540
#: Each build; with a cold Go build cache the Go SDK takes over a minute (the Pulumi Go SDK).
BUILD_SECONDS = 300

# Run against an installed copy of the Python SDK, under Pulumi's mocks: which type tokens reach
# the engine, what the classes derive from, and the version the SDK reports.
PYTHON_PROBE = """
import json

import pulumi

seen = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        seen.append(["resource", args.typ])
        return args.name + "-id", dict(args.inputs)

    def call(self, args):
        seen.append(["invoke", args.token])
        return {}


pulumi.runtime.set_mocks(Mocks(), preview=False)

import pulumi_workspacesinstances as sdk


@pulumi.runtime.test
def run():
    volume = sdk.Volume("v", availability_zone="us-east-1a")
    sdk.get_instance_types(billing_mode="HOURLY")
    return volume.id


run()
print(json.dumps({
    "bases": {
        name: [base.__name__ for base in getattr(sdk, name).__mro__]
        for name in ("WorkspaceInstance", "Volume", "VolumeAttachment")
    },
    "functions": [name for name in ("get_instance_types", "get_instance_types_output")
                  if callable(getattr(sdk, name, None))],
    "version": str(sdk._utilities.get_version()),
    "seen": sorted(seen),
}))
"""


def _completed(
    command: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = BUILD_SECONDS
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with its text output captured; the caller judges how it ended."""
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _run(command: list[str], what: str, *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``command``; fail with its output when it fails. Returns its stdout."""
    done = _completed(command, cwd=cwd, env=env)
    assert done.returncode == 0, f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _need(program: str, install: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.fail(f"{program} is not on PATH; {install}")
    return path


def _files(root: Path, names: list[str]) -> dict[str, bytes]:
    return {name: (root / name).read_bytes() for name in names}


def _checked_in_names() -> list[str]:
    """sdk/'s files as git would commit them (tracked or new, not deleted, not ignored build products)."""
    listed = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "sdk"],
        "git ls-files",
        cwd=ROOT,
    )
    names = sorted({name.removeprefix("sdk/") for name in listed.split("\0") if name})
    return [name for name in names if (SDK / name).is_file()]


def _checked_in() -> dict[str, bytes]:
    return _files(SDK, _checked_in_names())


def _schema_version() -> str:
    return str(json.loads(SCHEMA.read_text())["version"])


def _copy(language: str, destination: Path) -> Path:
    """A copy of the checked-in sdk/<language>, without build products, so none lands in sdk/."""
    target = destination / language
    for name in _checked_in_names():
        if name.startswith(f"{language}/"):
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SDK / name, destination / name)
    return target


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    _need("go", "install Go >= 1.26: scripts/gen-sdks builds the SDK generator with it")
    out = tmp_path_factory.mktemp("sdk")
    done = _completed([str(GEN_SDKS), "--out", str(out)], cwd=ROOT, timeout=GENERATE_SECONDS)
    assert done.returncode == 0, f"scripts/gen-sdks failed ({done.returncode}):\n{done.stderr}"
    assert "schema warning" not in done.stderr, f"the generators warned about the schema:\n{done.stderr}"
    names = sorted(path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file())
    return _files(out, names)


def test_regenerating_the_sdks_changes_nothing(generated: dict[str, bytes]) -> None:
    assert {name.split("/", 1)[0] for name in generated} == set(LANGUAGES)

    checked_in = _checked_in()
    expected = {**generated, **{name: checked_in[name] for name in HAND_WRITTEN & checked_in.keys()}}
    missing = sorted(expected.keys() - checked_in.keys())
    extra = sorted(checked_in.keys() - expected.keys())
    differing = sorted(
        name for name in expected.keys() & checked_in.keys() if expected[name] != checked_in[name]
    )
    problems = [
        *(f"  missing: sdk/{name}" for name in missing),
        *(f"  not generated: sdk/{name}" for name in extra),
        *(f"  differs: sdk/{name}" for name in differing),
    ]
    assert not problems, (
        "sdk/ is not what scripts/gen-sdks writes from plugin/schema.json; run `make sdk` "
        "and commit the result:\n" + "\n".join(problems)
    )


def test_the_python_sdk_installs_imports_and_registers_the_schemas_tokens(tmp_path: Path) -> None:
    # As `make plugin-python` installs it (pip, from a copy of sdk/python), into a folder of this
    # test's; the script then checks that every file arrived.
    site = tmp_path / "site"
    installed = install_python_sdk("--target", str(site))
    output = f"({installed.returncode}):\n{installed.stdout}\n{installed.stderr}"
    assert installed.returncode == 0, f"pip install of the Python SDK failed {output}"
    python = VENV_BIN / "python"
    package = str(site / "pulumi_workspacesinstances")
    _run([str(python), "-m", "compileall", "-q", package], "compileall of the Python SDK", cwd=tmp_path)

    probe = tmp_path / "probe.py"
    probe.write_text(PYTHON_PROBE)
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
    seen = json.loads(_run([str(python), str(probe)], "the Python SDK probe", cwd=tmp_path, env=env))

    assert {name: "CustomResource" in bases for name, bases in seen["bases"].items()} == {
        "WorkspaceInstance": True,
        "Volume": True,
        "VolumeAttachment": True,
    }
    assert seen["functions"] == ["get_instance_types", "get_instance_types_output"]
    assert seen["version"] == _schema_version()
    assert seen["seen"] == [
        ["invoke", "workspacesinstances:index:getInstanceTypes"],
        ["resource", "workspacesinstances:index:Volume"],
    ]


def _go_mod_requires(go_mod: str) -> dict[str, str]:
    """The ``require`` lines of a go.mod (single lines and blocks): module path -> version."""
    requires: dict[str, str] = {}
    in_block = False
    for raw in go_mod.splitlines():
        line = raw.split("//", 1)[0].strip()
        if in_block:
            if line == ")":
                in_block = False
            elif line:
                path, version = line.split()[:2]
                requires[path] = version
        elif line == "require (":
            in_block = True
        elif line.startswith("require "):
            path, version = line.split()[1:3]
            requires[path] = version
    return requires


def test_the_go_sdk_builds(tmp_path: Path) -> None:
    go = _need("go", "install Go >= 1.26 (the Go SDK is built with it)")
    import_base = json.loads(SCHEMA.read_text())["language"]["go"]["importBasePath"]
    root_package = posixpath.basename(import_base)
    source = _copy("go", tmp_path)
    assert (source / root_package).is_dir(), (
        f"sdk/go has no folder {root_package!r}, the last element of the schema's "
        f"importBasePath {import_base!r}"
    )
    # The SDK's module is sdk/ (go.mod beside go/): its packages are <module>/go/<package>.
    for name in ("go.mod", "go.sum"):
        assert (SDK / name).is_file(), f"sdk/{name} is missing (the Go SDK's module, written by hand)"
        shutil.copyfile(SDK / name, tmp_path / name)
    go_mod = (SDK / "go.mod").read_text()
    module = re.search(r"^module\s+(\S+)\s*$", go_mod, re.MULTILINE)
    assert module is not None, "sdk/go.mod has no module line"
    assert f"{module.group(1)}/go/{root_package}" == import_base, (
        f"sdk/go.mod's module {module.group(1)!r} does not hold the schema's importBasePath {import_base!r}"
    )
    path, version = PULUMI_GO_SDK
    assert _go_mod_requires(go_mod).get(path) == version, (
        f"sdk/go.mod must require {path} {version} (the CLI's pin), the SDK the generator wrote against"
    )
    env = {**os.environ, "GOWORK": "off"}
    # Tidy as checked in: `go mod tidy -diff` prints what tidying would change, and fails then.
    tidy = _completed([go, "mod", "tidy", "-diff"], cwd=tmp_path, env=env)
    assert tidy.returncode == 0, (
        "sdk/go.mod or sdk/go.sum is not tidy; run `go mod tidy` in sdk/:\n" + tidy.stdout + tidy.stderr
    )
    # go build never edits go.mod (-mod=readonly, its default). -trimpath keeps the temporary
    # folder's name out of the build cache's keys: warm runs reuse it.
    _run([go, "build", "-trimpath", "./..."], "go build of the Go SDK", cwd=tmp_path, env=env)


def _caret_allows(wanted: str, have: str) -> bool:
    """Whether npm's ``^X.Y.Z`` range ``wanted`` allows ``have`` (X >= 1, as the generator writes them)."""
    assert wanted.startswith("^"), f"range {wanted!r}: only ^X.Y.Z ranges are expected here"
    low = tuple(int(part) for part in wanted[1:].split("."))
    version = tuple(int(part) for part in have.split("-")[0].split("."))
    return version[0] == low[0] and version >= low


def test_the_typescript_sdk_type_checks(tmp_path: Path) -> None:
    node = _need("node", "install Node.js 20 or later (the TypeScript SDK check runs tsc with it)")
    modules = SDK_JS / "node_modules"
    manifest = json.loads((SDK / "nodejs" / "package.json").read_text())
    wanted = {**manifest["dependencies"], **manifest["devDependencies"]}
    for package in ("typescript", "@pulumi/pulumi", "@types/node"):
        installed = modules / package / "package.json"
        if not installed.is_file():
            pytest.fail(f"{package} is not installed in {modules}; run `make sdk-js`")
        have = json.loads(installed.read_text())["version"]
        # The same compiler and runtime SDK the generated package.json builds with.
        assert _caret_allows(wanted[package], have), (
            f"sdk/nodejs/package.json asks for {package} {wanted[package]}, but {SDK_JS.name}/package.json "
            f"pins {have}: update it (npm install --save-exact), then run `make sdk-js`"
        )

    source = _copy("nodejs", tmp_path)
    (source / "node_modules").symlink_to(modules, target_is_directory=True)
    tsc = modules / "typescript" / "bin" / "tsc"
    _run([node, str(tsc), "--project", str(source), "--noEmit"], "tsc of the TypeScript SDK", cwd=source)
