"""Fixtures shared by every test area: the emulator, an AWS environment aimed at it, the real Pulumi CLI.

Nothing here mocks AWS: boto3 talks HTTP to the local emulator. The end-to-end fixtures drive the
real Pulumi CLI built into ``.tools/pulumi/bin`` (see ``scripts/install-pulumi``); when it is missing
they fail with the reason instead of skipping. The paths, the test region and passphrase, the emulator's
environment and the CLI's come from ``toolchain``, which the benchmark shares; the fixtures are here.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import time
import venv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import boto3
import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.workspaces_instances.behaviour import Behaviour
from pulumi_workspaces_instances.emulator.workspaces_instances.context import EBS_MODIFICATIONS_PER_WINDOW
from pulumi_workspaces_instances.provider.aws import waiter
from toolchain.environment import DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY, TEST_REGION, emulator_environment
from toolchain.paths import PULUMI_EXECUTABLE, PULUMI_ROOT, ROOT, VENV_BIN
from toolchain.prebuilt import PrebuiltProgram, stale_problem
from toolchain.pulumi_cli import pulumi_cli_environment, pulumi_cli_problem

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

#: Polling of the real-CLI tests' provider hosts (the emulator allocates in a fraction of a second).
E2E_POLL_MIN_SECONDS = 0.05
E2E_POLL_MAX_SECONDS = 0.2

# Build products and caches a copy of the sources leaves out (a stale build/ would leak into a wheel).
_NOT_SOURCE = (
    ".git",
    ".venv",
    ".tools",
    ".demo",
    "build",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "node_modules",
)


def copy_of_source(destination: Path) -> Path:
    """The working tree (committed or not) without build products, for a clean ``pip install``."""
    target = destination / "checkout"
    # Links stay links (the top-level provider, components, plugin and emulator point into the package).
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*_NOT_SOURCE), symlinks=True)
    return target


INSTALL_TIMEOUT_SECONDS = 600
"""How long ``pip install`` of the checkout into a fresh venv may take."""


SHARES_CONSUMER_VENV = pytest.mark.xdist_group("consumer_venv")
"""Mark of every test that uses ``consumer_venv``: under ``pytest -n`` they share a worker, so the venv
is built once per run (a session fixture is per worker)."""


@pytest.fixture(scope="session")
def consumer_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the checkout pip-installed (not editable), as users get it; its bin folder.

    Shared by the consumer project's test (tests/e2e/test_consumer.py) and the layout's
    (tests/test_layout.py). The lock is the constraint, so CI resolves the versions it tested.
    """
    home = tmp_path_factory.mktemp("consumer-venv")
    source = copy_of_source(tmp_path_factory.mktemp("checkout"))
    venv.create(home, with_pip=True)
    bin_dir = home / "bin"
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--constraint",
            str(ROOT / "requirements.lock"),
            str(source),
        ],
        check=True,
        timeout=INSTALL_TIMEOUT_SECONDS,
    )
    return bin_dir


def _start_order(item: pytest.Item) -> int:
    if item.get_closest_marker("e2e"):
        return 0
    return 1 if item.get_closest_marker("toolchain") else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the real-CLI tests first, then the toolchain builds, then the rest, each part in collection order.

    Under ``pytest -n`` (make test) the workers take tests in this order: the longest waits start at
    once and the many short tests fill the workers' gaps at the end, instead of one last real-CLI test
    running alone. A stable sort: no test depends on another's order (each has its own fixtures).
    """
    items.sort(key=_start_order)


# Environment variables that could point boto3 somewhere other than the emulator.
_AWS_VARS_TO_CLEAR = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
)


@pytest.fixture
def event_loop_for_outputs() -> Iterator[asyncio.AbstractEventLoop]:
    """A current event loop for a test that makes ``pulumi.Output`` values outside a program.

    ``Output.from_input`` needs one, and any earlier ``asyncio.run`` leaves the thread without. The
    thread's previous loop comes back afterwards (dropping it would orphan the tasks of the test
    that made it).
    """
    try:
        previous: asyncio.AbstractEventLoop | None = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        previous = None
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    # Let what the Outputs scheduled finish (or cancel it), so no coroutine is left un-awaited.
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(previous)


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """One emulator for the session, with short but real state transitions.

    Too short to read midway: a test that reads an instance ALLOCATING or DEALLOCATING, or a volume's
    modification before it completed, does so on an emulator of its own that holds that state
    (``HELD_SECONDS``), and waits for an end state here with ``wait_for``/``settled``, never a fixed sleep.
    """
    with Emulator(allocate_seconds=0.2, deallocate_seconds=0.1) as emu:
        yield emu


# --- time: what a test may read midway, and how it waits for the end -------------------------------
#
# The emulator derives every state from the time since the call that started it, so a test that reads a
# state midway races the clock: with the suite on six workers on two busy cores, a create and the call
# right after it were measured up to 1.7 s apart (p99 0.9 s), and the first call of a new EC2 client, or a
# new provider's first check (its clients, its probe of the service), took 2 to 5 s. The session
# emulator's 0.2 s and 0.1 s transitions, or the 0.4-1.5 s ones tests used, are skipped over by such pauses.

HELD_SECONDS = 3600.0
"""How long a transition lasts on an emulator of a test's own when the test reads it midway and never waits
for its end (an instance still ALLOCATING or DEALLOCATING, a volume still ``modifying``): an hour, which no
pause of a loaded machine comes near. The end state is read where transitions are short."""

WINDOW_SECONDS = 5.0
"""How long a transition lasts when a test must read it midway *and* then see the same resource end it (an
adopted instance whose allocation fails while the adoption waits for it): several times the longest pause
measured between two calls under load, and no longer, since the test waits it out. The clients the test
reads with make their first call before the window opens (a first call alone took seconds)."""

SETTLE_DEADLINE_SECONDS = 10.0
"""How long ``wait_for`` waits for an end state before failing: only a failing test waits that long."""

POLL_SECONDS = 0.02
"""Pause between two looks of ``wait_for``."""

T = TypeVar("T")


def wait_for(look: Callable[[], T | None], what: str, seconds: float = SETTLE_DEADLINE_SECONDS) -> T:
    """Call ``look`` until it answers something other than None or False; fails saying ``what`` was awaited.

    For an end state the emulator reaches by itself: the test waits as long as that takes, not a fixed sleep
    that is either too long on an idle machine or too short on a loaded one.
    """
    deadline = time.monotonic() + seconds
    while True:
        found = look()
        if found is not None and found is not False:
            return found
        assert time.monotonic() < deadline, f"{what}: not so after {seconds:g}s"
        time.sleep(POLL_SECONDS)


TRANSITIONS = ("ALLOCATING", "DEALLOCATING")
"""The provision states an instance leaves by itself."""


def settled(client: Any, instance_id: str, seconds: float = SETTLE_DEADLINE_SECONDS) -> dict[str, Any]:
    """GetWorkspaceInstance's answer once the instance left ALLOCATING or DEALLOCATING (any end state:
    ALLOCATED, ERROR_ALLOCATING, DEALLOCATED, ...), for the test to assert which."""

    def look() -> dict[str, Any] | None:
        got = dict(client.get_workspace_instance(WorkspaceInstanceId=instance_id))
        return None if got["ProvisionState"] in TRANSITIONS else got

    return wait_for(look, f"{instance_id} left {' or '.join(TRANSITIONS)}", seconds)


@pytest.fixture
def first_zone(emulator: Emulator) -> Iterator[Emulator]:
    """The session's emulator placing every instance in its region's first zone, for one test.

    Only for a test whose point needs a fixed zone (a state an older emulator recorded, two runs
    compared call by call); never to let a program assume a zone instead of taking its desk's. A reset
    restores the emulator's starting switches: set ``zone_choice`` again after one.
    """
    previous = emulator.behaviour.zone_choice
    emulator.set_behaviour(zone_choice="first")
    yield emulator
    emulator.set_behaviour(zone_choice=previous)


@pytest.fixture
def default_region(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """An AWS environment whose default region is TEST_REGION and that reaches nothing (pure checks)."""
    from pulumi_workspaces_instances.provider.aws import clients

    for name in _AWS_VARS_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    missing = tmp_path / "no-aws-config"
    monkeypatch.setenv("AWS_REGION", TEST_REGION)
    monkeypatch.setenv("AWS_DEFAULT_REGION", TEST_REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(missing / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(missing / "credentials"))
    clients.set_configured_region(None)
    yield TEST_REGION
    clients.set_configured_region(None)


@pytest.fixture
def aws_env(emulator: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    """Point boto3 in this process at a freshly reset emulator; yields the emulator."""
    from pulumi_workspaces_instances.provider.aws import clients

    emulator.reset()
    emulator.clear_faults()
    for name in _AWS_VARS_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    for name, value in emulator_environment(emulator.endpoint_url, tmp_path).items():
        monkeypatch.setenv(name, value)
    # Cached clients may hold another test's endpoint or region.
    clients.clear_clients()
    clients.set_configured_region(None)
    yield emulator
    clients.clear_clients()
    clients.set_configured_region(None)


def emulator_client(emulator: Emulator, region: str = TEST_REGION) -> WorkspacesInstancesClient:
    """A boto3 client aimed at ``emulator`` without touching the environment (for real-CLI tests)."""
    return boto3.client(
        "workspaces-instances",
        region_name=region,
        endpoint_url=emulator.endpoint_url,
        aws_access_key_id=DUMMY_ACCESS_KEY,
        aws_secret_access_key=DUMMY_SECRET_KEY,
    )


@pytest.fixture
def wsi_client(aws_env: Emulator) -> WorkspacesInstancesClient:
    """A plain boto3 client for us-east-1 on the emulator (for assertions behind Pulumi's back)."""
    return boto3.client("workspaces-instances", region_name=TEST_REGION)


def emulator_ec2_client(emulator: Emulator, region: str = TEST_REGION) -> Any:
    """A boto3 EC2 client aimed at ``emulator`` (its EC2 side: volumes, instances, tags)."""
    return boto3.client(
        "ec2",
        region_name=region,
        endpoint_url=emulator.endpoint_url,
        aws_access_key_id=DUMMY_ACCESS_KEY,
        aws_secret_access_key=DUMMY_SECRET_KEY,
    )


def run_cli(
    args: list[str], env: dict[str, str], cwd: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the built ``pulumi`` CLI itself (for what the Automation API does not expose, e.g. ``--json``)."""
    completed = subprocess.run(
        [str(PULUMI_EXECUTABLE), *args, "--non-interactive"],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if check and completed.returncode != 0:
        raise AssertionError(f"pulumi {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed


INSTALL_PYTHON_SDK = ROOT / "scripts" / "install-python-sdk"
"""pip-installs a copy of sdk/python, the generated Python SDK (``make plugin-python``)."""
PIP_INSTALL_SECONDS = 300
"""How long one local ``pip install`` (no index, no dependencies) may take."""


def install_python_sdk(*args: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/install-python-sdk with the venv's python: ``--check``, or ``--target DIR``.

    Shared by the SDK's own check (tests/plugin/test_sdks.py: into a test's folder) and the program
    on it (tests/e2e/test_plugin_python.py: is the copy in ``PYTHON_SDK_TARGET`` today's sdk/python?).
    """
    python = VENV_BIN / "python"
    if not os.access(python, os.X_OK):
        pytest.fail(f"{python} is missing; run `make venv`")
    return subprocess.run(
        [str(python), str(INSTALL_PYTHON_SDK), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=PIP_INSTALL_SECONDS,
        check=False,
    )


def require_executables(*paths: Path, make: str) -> None:
    """Fail (never skip) naming every missing executable and the ``make`` targets that build them."""
    missing = [str(path) for path in paths if not os.access(path, os.X_OK)]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make {make}`")


FAST_POLL_SECONDS = 0.02
"""How often unit tests poll the emulator (``fast_polling``): each create/delete well under a second."""


@pytest.fixture
def fast_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll the emulator every few tens of milliseconds and let botocore try each call only twice.

    Used by the WorkspaceInstance test modules (``pytestmark``) and the plugin's.
    """
    monkeypatch.setenv(waiter.ENV_POLL_INITIAL_SECONDS, str(FAST_POLL_SECONDS))
    monkeypatch.setenv(waiter.ENV_POLL_MAX_SECONDS, str(FAST_POLL_SECONDS * 5))
    from pulumi_workspaces_instances.provider.aws import clients

    # botocore's own backoff sleeps up to seconds; tests of our retry loop need few of those.
    monkeypatch.setenv(clients.ENV_MAX_ATTEMPTS, "2")


SHORT_GRACE_SECONDS = 0.5
"""The grace of a new resource in tests of what happens once it runs out (a token's resource purged since)."""


@pytest.fixture
def short_grace(monkeypatch: pytest.MonkeyPatch) -> float:
    """Shorten the grace in which a "not found" for a resource just made means "not visible yet".

    For tests of the path after the grace (an earlier life of a ClientToken, purged since); every other
    test keeps the provider's real grace, so AWS's read-after-create lag is never mistaken for a deletion.
    """
    from pulumi_workspaces_instances.provider.aws import consistency

    monkeypatch.setenv(consistency.ENV_GRACE_SECONDS, str(SHORT_GRACE_SECONDS))
    return SHORT_GRACE_SECONDS


@pytest.fixture
def pulumi_env(emulator: Emulator, tmp_path: Path) -> dict[str, str]:
    """Environment for one real-CLI test: fresh file backend, passphrase, built CLI, the emulator."""
    problem = pulumi_cli_problem()
    if problem:
        pytest.fail(problem)
    emulator.reset()
    emulator.clear_faults()
    backend = tmp_path / "backend"
    backend.mkdir()
    home = tmp_path / "pulumi-home"
    home.mkdir()
    env = {
        **pulumi_cli_environment(backend, home),
        # The editable install cannot carry pulumi-plugin.json where the Python language host looks
        # (site-packages/pulumi_workspaces_instances/), so the host guesses a plugin from the
        # distribution's name and the engine tries to download it on every preview and up (2 s
        # each). A pip-installed package carries the file (tests/e2e/test_consumer.py checks it).
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        # The provider host inherits the CLI's environment: poll the emulator briskly.
        waiter.ENV_POLL_INITIAL_SECONDS: str(E2E_POLL_MIN_SECONDS),
        waiter.ENV_POLL_MAX_SECONDS: str(E2E_POLL_MAX_SECONDS),
        **emulator_environment(emulator.endpoint_url, tmp_path),
    }
    return env


StackFactory = Callable[..., auto.Stack]
EmulatorFactory = Callable[..., Emulator]


@pytest.fixture
def slow_emulator() -> Iterator[EmulatorFactory]:
    """Start emulators with the given allocation and deallocation times (and behaviour switches, and volume
    modification times); all stopped at teardown.

    Request it before ``make_stack``, so the stacks are destroyed while their emulator still runs.
    """
    started: list[Emulator] = []

    def factory(
        allocate_seconds: float,
        deallocate_seconds: float = 0.1,
        behaviour: Behaviour | None = None,
        *,
        volume_modifying_seconds: float = 0.2,
        volume_optimizing_seconds: float = 0.2,
        volume_modifications_per_window: int = EBS_MODIFICATIONS_PER_WINDOW,
    ) -> Emulator:
        emulator = Emulator(
            allocate_seconds=allocate_seconds,
            deallocate_seconds=deallocate_seconds,
            behaviour=behaviour,
            volume_modifying_seconds=volume_modifying_seconds,
            volume_optimizing_seconds=volume_optimizing_seconds,
            volume_modifications_per_window=volume_modifications_per_window,
        ).start()
        started.append(emulator)
        return emulator

    yield factory
    for emulator in started:
        emulator.stop()


@pytest.fixture
def aimed_emulator(
    slow_emulator: EmulatorFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[EmulatorFactory]:
    """``slow_emulator``, with boto3 in this process (the providers' clients) aimed at the one started last.

    For a provider test that must read a state the session's emulator passes through too quickly.
    """
    from pulumi_workspaces_instances.provider.aws import clients

    def factory(*args: Any, **kwargs: Any) -> Emulator:
        emulator = slow_emulator(*args, **kwargs)
        for name, value in emulator_environment(emulator.endpoint_url, tmp_path).items():
            monkeypatch.setenv(name, value)
        # Cached clients hold the previous endpoint.
        clients.clear_clients()
        return emulator

    yield factory
    clients.clear_clients()


# What makes a program build in place, relative to its folder (go.mod's `replace`, Maven's target/, npm's
# node_modules): such a program runs where it is, and only one test uses each.
_BUILDS_IN_PLACE = ("go.mod", "pom.xml", "package.json", "pyproject.toml")


def staged_program(project_dir: Path, stage: Path) -> Path:
    """Where a test runs the repository's program ``project_dir``: a copy of its own in ``stage``.

    The CLI writes ``Pulumi.<stack>.yaml`` beside the project's ``Pulumi.yaml``, so two tests running one
    program side by side (``pytest -n``) would share and overwrite it; a copy gives each test its own.
    Programs that build in place (the Go and TypeScript ones, the repository's own stack program) stay
    where they are: each is run by one test, or under stack names made unique per worker. (The Java program
    runs from a project in the test's own folder, ``prebuilt_project``, which this returns as it is.)
    """
    if not project_dir.resolve().is_relative_to(ROOT) or any(
        (project_dir / marker).exists() for marker in _BUILDS_IN_PLACE
    ):
        return project_dir  # a test's own program (in its tmp_path), or one that builds in place
    target = stage / project_dir.name
    if not target.exists():
        shutil.copytree(project_dir, target, ignore=shutil.ignore_patterns("Pulumi.*.yaml", "__pycache__"))
    return target


# The checked-in project's runtime, by name only (`runtime: java`): what prebuilt_project gives options.
_RUNTIME_LINE = re.compile(r"^runtime: *([\w-]+) *$", re.MULTILINE)


def prebuilt_project(build: PrebuiltProgram, stage: Path) -> Path:
    """A project in ``stage`` that runs ``build``'s checked-in program as ``make`` built it, not from source.

    Fails (never skips) when the build is missing or older than its sources, naming the ``make`` target
    (toolchain/prebuilt.py). The project file is the checked-in ``Pulumi.yaml`` with what a user adds to
    run a prebuilt program: the runtime's ``binary`` option (for Java, pulumi-java's jar executor runs it
    with ``java -jar``) naming the build relative to the program's folder, and ``main``, that folder, so the
    language host runs there as it does in place. Only the stack's config lands in ``stage``.
    """
    problem = stale_problem(build)
    if problem:
        pytest.fail(problem)
    checked_in = build.program / "Pulumi.yaml"
    text = checked_in.read_text()
    runtimes = _RUNTIME_LINE.findall(text)
    if len(runtimes) != 1:
        pytest.fail(f"{checked_in}: expected one line `runtime: <language>`, found {len(runtimes)}")
    binary = build.artefact.relative_to(build.program).as_posix()
    runtime = f"runtime:\n  name: {runtimes[0]}\n  options:\n    binary: {binary}"
    project = stage / build.program.name
    project.mkdir(parents=True)
    (project / "Pulumi.yaml").write_text(
        f"# {build.display(checked_in)} as tests/conftest.py's prebuilt_project stages it: run from\n"
        f"# `make {build.make_target}`'s build (binary) in the program's own folder (main).\n"
        + _RUNTIME_LINE.sub(lambda _: runtime, text)
        # A JSON string is a YAML double-quoted scalar: any path survives.
        + f"main: {json.dumps(str(build.program))}\n"
    )
    return project


@pytest.fixture
def make_stack(pulumi_env: dict[str, str], tmp_path: Path) -> Iterator[StackFactory]:
    """Create or select a stack of an on-disk project, run by the real CLI against the emulator.

    The project runs from a copy of its own (``staged_program``: its folder is ``stack.workspace.work_dir``).
    Stacks left with resources are destroyed at teardown so one failing test cannot leak
    instances into the next.
    """
    made: list[auto.Stack] = []
    stage = tmp_path / "programs"

    def factory(
        project_dir: Path,
        stack_name: str = "test",
        config: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
        *,
        own_emulator: bool = False,
    ) -> auto.Stack:
        """``own_emulator``: the stack's resources live in an emulator of the test's own, thrown away with
        it, so the teardown destroys nothing (two CLI runs fewer)."""
        command = auto.PulumiCommand(root=str(PULUMI_ROOT), skip_version_check=True)
        workspace = auto.LocalWorkspace(
            work_dir=str(staged_program(project_dir, stage)),
            pulumi_command=command,
            env_vars={**pulumi_env, **(env or {})},
        )
        stack = auto.Stack.create_or_select(stack_name, workspace)
        # One `pulumi config set-all` rather than a CLI run per key (each run costs the CLI's start-up).
        settings = {"aws:region": TEST_REGION, **(config or {})}
        stack.set_all_config({key: auto.ConfigValue(value) for key, value in settings.items()})
        if not own_emulator:
            made.append(stack)
        return stack

    yield factory
    for stack in made:
        try:
            stack.destroy()
            # Also deletes Pulumi.<stack>.yaml, which the CLI writes beside the project's Pulumi.yaml.
            stack.workspace.remove_stack(stack.name)
        except auto.errors.CommandError:
            # Teardown must not hide the test's own failure.
            pass


def stack_dir(stack: auto.Stack) -> Path:
    """The folder a stack's program runs in (its copy: ``staged_program``), for ``run_cli``'s ``cwd``."""
    workspace = stack.workspace
    assert isinstance(workspace, auto.LocalWorkspace) and workspace.work_dir is not None
    return Path(workspace.work_dir)
