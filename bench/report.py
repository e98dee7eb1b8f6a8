"""What the benchmark prints: the legend, a timing table per kind, state cost lines, the detection table, the
fixed cost table."""

from __future__ import annotations

from collections.abc import Sequence

from bench.fixed_cost import COMMANDS, DESKTOP, TRIVIAL, FixedCost
from bench.fleets import KIND_LABELS, PLUGIN_INSTANCE_TYPE
from bench.measure import Measurement
from bench.state_cost import INSTANCE_TYPE, STACK_TYPE

LEGEND = """\
Times are `pulumi up --yes` (preview included) and `pulumi destroy --yes`, each on a fresh stack and
emulator. x/y = during up/during destroy. at once: most instances allocating (deallocating) at one
moment. late max: worst delay from ALLOCATED (DEALLOCATED) to the Get that saw it. hosts: provider
host processes at once, and started (preview and update each start one); RSS: their peak total.
CPU: of the hosts, and of the whole CLI run (engine, language host, program, hosts)."""

FIXED_COST_TITLE = """\
Fixed cost: one WorkspaceInstance against one trivial dynamic resource, allocation {seconds:g} s,
median of {rounds} runs each, the two side by side in each round. ratio: of the medians; by round:
median of each round's ratio (steadier when the machine's load changes); within: the target ratio;
CPU: median CPU time of the run's processes, trivial/WorkspaceInstance"""

FLEET_COLUMNS = (
    ("N", "{m.count}"),
    ("up s", "{m.up_seconds:.1f}"),
    ("x N=1", "{up_ratio:.2f}"),
    ("destroy s", "{m.destroy_seconds:.1f}"),
    ("x N=1", "{destroy_ratio:.2f}"),
    ("at once", "{m.up_at_once}/{m.destroy_at_once}"),
    ("Gets/inst", "{m.up_gets:.1f}/{m.destroy_gets:.1f}"),
    ("late max s", "{m.up_late_max:.1f}/{m.destroy_late_max:.1f}"),
    ("hosts at once", "{m.hosts_at_once}"),
    ("started", "{m.hosts_up}/{m.hosts_destroy}"),
    ("host RSS MB", "{rss_mb:.0f}"),
    ("host CPU s", "{m.host_cpu_up:.1f}/{m.host_cpu_destroy:.1f}"),
    ("CLI CPU s", "{m.cli_cpu_up:.1f}/{m.cli_cpu_destroy:.1f}"),
)
"""The timing table's columns: header and the template of its cells."""


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Right-aligned plain-text columns (pastes into a Markdown code block)."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [header, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)) for line in lines
    )


def fleet_table(measurements: Sequence[Measurement]) -> str:
    """The timing table of one kind, ratios to its N=1 row (or its smallest N)."""
    base = min(measurements, key=lambda m: m.count)
    rows = []
    for m in measurements:
        values = {
            "m": m,
            "up_ratio": m.up_seconds / base.up_seconds,
            "destroy_ratio": m.destroy_seconds / base.destroy_seconds,
            "rss_mb": m.peak_rss_kib / 1024,
        }
        rows.append([template.format(**values) for _, template in FLEET_COLUMNS])
    return table([name for name, _ in FLEET_COLUMNS], rows)


def _short(resource_type: str) -> str:
    return resource_type.rsplit(":", 1)[-1]


def cost_lines(m: Measurement) -> list[str]:
    """State resources per instance and ``__provider`` sizes of the largest fleet of a kind."""
    per_instance, per_stack = [], []
    for kind, number in sorted(m.cost.by_type.items()):
        if kind in (INSTANCE_TYPE, PLUGIN_INSTANCE_TYPE, STACK_TYPE):
            continue
        if number % m.count == 0 and m.count > 1:
            per_instance.append(f"{number // m.count} {_short(kind)}")
        else:
            per_stack.append(f"{number} {_short(kind)}")
    sizes = ", ".join(f"{_short(kind)} {size} B" for kind, size in sorted(m.cost.provider_bytes.items()))
    return [
        f"state at N={m.count}: besides the stack and the {m.count} WorkspaceInstances, per instance "
        f"{', '.join(per_instance) or 'nothing'}; per stack {', '.join(per_stack) or 'nothing'}; "
        f"{m.cost.state_bytes / m.count / 1024:.1f} KB of state per instance",
        f"__provider per resource (largest): {sizes or 'none (the plugin keeps no provider in state)'}",
    ]


def detection_table(measurements: Sequence[Measurement], seconds: float) -> str:
    """Detection delay and Gets of one desktop per kind."""
    rows = []
    for m in measurements:
        for phase, found, ready in (
            ("ALLOCATED (up)", m.up_detections, "Create"),
            ("DEALLOCATED (destroy)", m.destroy_detections, "Delete"),
        ):
            for detection in found.values():
                rows.append(
                    [
                        KIND_LABELS[m.kind],
                        phase,
                        f"{ready} + {seconds:g} s",
                        f"{detection.late_seconds:.2f}",
                        f"{max(1.0, 0.2 * seconds):.1f}",
                        str(detection.gets),
                    ]
                )
    header = ["kind", "noticed", "state changed at", "late s", "allowed s", "Gets"]
    return table(header, rows)


def fixed_cost_table(result: FixedCost) -> str:
    """Each command's median for both programs, their ratio and the ratio it should stay within."""
    rows = []
    for command in COMMANDS:
        ratio = result.ratio(command)
        target = command.target
        verdict = "-" if target is None else f"{target:.2f}" + ("" if ratio <= target else " (over)")
        rows.append(
            [
                command.label,
                f"{result.median(TRIVIAL, command):.2f}",
                f"{result.median(DESKTOP, command):.2f}",
                f"{ratio:.2f}",
                f"{result.paired_ratio(command):.2f}",
                verdict,
                f"{result.median_cpu(TRIVIAL, command):.1f}/{result.median_cpu(DESKTOP, command):.1f}",
            ]
        )
    header = ["command", f"{TRIVIAL} s", f"{DESKTOP} s", "ratio", "by round", "within", "CPU s"]
    return table(header, rows)


def fixed_cost_runs(result: FixedCost) -> list[str]:
    """Every run behind the medians, one line per program and command."""
    return [
        f"  {program} {command.label}: {' '.join(f'{s:.2f}' for s in result.samples(program, command))}"
        for command in COMMANDS
        for program in (TRIVIAL, DESKTOP)
    ]
