"""The fixed cost of a desktop: one WorkspaceInstance's CLI runs against one trivial dynamic resource's.

Every ``pulumi up`` and ``pulumi preview`` pays for more than the allocation: the program and the
provider host start and import, check validates and probes, create waits and reads. What a trivial
``pulumi.dynamic`` resource pays for the same runs is Pulumi's own floor, so the benchmark reports
the ratio of the two, measured in one run against one emulator whose allocation takes
:data:`ALLOCATION_SECONDS` (a fraction of a second: the ratio shows the fixed cost, not the wait).

Each round runs, for the trivial program (bench/programs/trivial) and the fleet program with one
WorkspaceInstance (tests/e2e/programs/fleet, ``count`` 1), one after the other for each step:
``up --yes``, a ``preview`` that must find nothing to change, a destroy, ``up --yes --skip-preview``
and a destroy; the two programs alternate going first. Medians over the rounds, so one disturbance
(the machine is shared) moves neither side.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.emulator_process import EmulatorProcess
from bench.fleets import PROGRAM
from bench.measure import children_cpu, scratch_dir
from bench.stack import FleetStack
from toolchain.paths import ROOT

ALLOCATION_SECONDS = 0.3
"""How long the emulator takes to allocate (and deallocate) a desktop here."""
DEFAULT_ROUNDS = 3
TRIVIAL_PROGRAM = ROOT / "bench" / "programs" / "trivial"
TRIVIAL, DESKTOP = "trivial", "WorkspaceInstance"
"""The two programs, as the table names them."""
NO_PLUGIN_DOWNLOADS = {"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true"}
"""For both programs: in the editable install pulumi-plugin.json is not where the Python language host
looks, so it guesses a plugin from the distribution's name, and the engine would try to download it
for 2.5 s in every preview and update of *either* program (a pip-installed package carries the file;
tests/conftest.py's pulumi_env sets the same)."""


@dataclass(frozen=True)
class Command:
    """One timed CLI command: how the table names it, its arguments, the ratio it should stay within."""

    label: str
    args: tuple[str, ...]
    target: float | None = None


UP = Command("up --yes", ("up", "--yes"), target=1.5)
PREVIEW = Command("preview (no change)", ("preview", "--expect-no-changes"), target=1.3)
UP_SKIP_PREVIEW = Command("up --yes --skip-preview", ("up", "--yes", "--skip-preview"))
COMMANDS = (UP, PREVIEW, UP_SKIP_PREVIEW)
"""In the order of the table."""
DESTROY = ("destroy", "--yes", "--skip-preview")
"""Between the timed commands (not timed)."""
STEPS: tuple[Command | tuple[str, ...], ...] = (UP, PREVIEW, DESTROY, UP_SKIP_PREVIEW, DESTROY)
"""One round, for each program."""


@dataclass
class FixedCost:
    """The seconds of every timed command of each program, in the order they ran."""

    rounds: int
    allocation_seconds: float = ALLOCATION_SECONDS
    seconds: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    cpu_seconds: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    """The CPU time of each run's processes (CLI, language host, program, provider host), which the
    machine's load stretches less than wall time."""

    def add(self, program: str, command: Command, elapsed: float, cpu: float = float("nan")) -> None:
        """Record one run: its wall seconds and its processes' CPU seconds."""
        self.seconds.setdefault(program, {}).setdefault(command.label, []).append(elapsed)
        self.cpu_seconds.setdefault(program, {}).setdefault(command.label, []).append(cpu)

    def samples(self, program: str, command: Command) -> list[float]:
        """Every run of ``command`` by ``program``, in order."""
        return self.seconds.get(program, {}).get(command.label, [])

    def median_cpu(self, program: str, command: Command) -> float:
        """The median CPU seconds of ``command``'s runs for ``program`` (nan when it never ran)."""
        runs = self.cpu_seconds.get(program, {}).get(command.label, [])
        return statistics.median(runs) if runs else float("nan")

    def median(self, program: str, command: Command) -> float:
        """The median seconds of ``command`` for ``program`` (nan when it never ran)."""
        runs = self.samples(program, command)
        return statistics.median(runs) if runs else float("nan")

    def ratio(self, command: Command) -> float:
        """The WorkspaceInstance's median over the trivial resource's."""
        return self.median(DESKTOP, command) / self.median(TRIVIAL, command)

    def paired_ratio(self, command: Command) -> float:
        """The median of each round's ratio: the two runs of a round ran back to back, on the same
        machine load, so this holds when the load changes between rounds (nan when no round ran)."""
        pairs = zip(self.samples(DESKTOP, command), self.samples(TRIVIAL, command), strict=False)
        ratios = [desktop / trivial for desktop, trivial in pairs]
        return statistics.median(ratios) if ratios else float("nan")


def turn_order(round_index: int, programs: Sequence[str]) -> list[str]:
    """Who goes first alternates between rounds, so neither always meets the other's leftovers."""
    return list(programs) if round_index % 2 == 0 else list(reversed(programs))


def measure_fixed_cost(rounds: int, logs: Path | None = None) -> FixedCost:
    """``rounds`` rounds of every step for both programs against one emulator; everything removed after.

    With ``logs``, each program's timed CLI output goes to ``logs/fixed-cost-<program>.log``.
    """
    result = FixedCost(rounds)
    with scratch_dir() as workdir, EmulatorProcess(ALLOCATION_SECONDS, workdir / "emulator.log") as emulator:
        programs: Mapping[str, Path] = {TRIVIAL: TRIVIAL_PROGRAM, DESKTOP: PROGRAM}
        stacks = {}
        for name, program in programs.items():
            (workdir / name).mkdir()
            stacks[name] = FleetStack(
                workdir / name, emulator.endpoint_url, "default", None, program, NO_PLUGIN_DOWNLOADS
            )
        try:
            stacks[TRIVIAL].init()
            stacks[DESKTOP].create(1, "instance")
            for stack in stacks.values():
                stack.deployed = True
            for round_index in range(rounds):
                for step in STEPS:
                    for name in turn_order(round_index, list(programs)):
                        if isinstance(step, Command):
                            cpu_before = children_cpu()
                            elapsed, _ = stacks[name].cli(*step.args)
                            result.add(name, step, elapsed, children_cpu() - cpu_before)
                        else:
                            stacks[name].cli(*step)
            for stack in stacks.values():
                stack.deployed = False
                stack.cli("stack", "rm", "--yes")
                stack.created = False
        except KeyboardInterrupt:
            # The emulator and the backends are about to be thrown away: nothing to destroy.
            for stack in stacks.values():
                stack.kill_hosts()
            raise
        except BaseException:
            for stack in stacks.values():
                stack.cleanup()
            raise
        finally:
            if logs is not None:
                logs.mkdir(parents=True, exist_ok=True)
                for name, stack in stacks.items():
                    if stack.log.exists():
                        (logs / f"fixed-cost-{name}.log").write_text(stack.log.read_text())
    return result
