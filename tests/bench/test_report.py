"""The benchmark's tables: ratios to the smallest fleet, state cost per instance, detection rows."""

from __future__ import annotations

from dataclasses import replace

from bench.call_log import Detection
from bench.fleets import PLUGIN_INSTANCE_TYPE
from bench.measure import Measurement
from bench.report import cost_lines, detection_table, fleet_table, table
from bench.state_cost import INSTANCE_TYPE, STACK_TYPE, StateCost

SEED = "pulumi-python:dynamic/workspacesinstances:InstanceSeed"


def measurement(count: int, up_seconds: float, destroy_seconds: float) -> Measurement:
    """A fleet of ``count`` with the given times; everything else fixed."""
    return Measurement(
        kind="instance",
        count=count,
        up_seconds=up_seconds,
        destroy_seconds=destroy_seconds,
        up_gets=11.0,
        destroy_gets=10.0,
        up_late_max=0.5,
        destroy_late_max=1.5,
        up_detections={"wsinst-1": Detection(0.5, 11)},
        destroy_detections={"wsinst-1": Detection(1.5, 10)},
        up_at_once=count,
        destroy_at_once=count,
        hosts_at_once=1,
        hosts_up=2,
        hosts_destroy=2,
        peak_rss_kib=100 * 1024,
        host_cpu_up=2.0,
        host_cpu_destroy=1.0,
        cli_cpu_up=6.0,
        cli_cpu_destroy=3.0,
        cost=StateCost(
            by_type={STACK_TYPE: 1, INSTANCE_TYPE: count, SEED: count, "pulumi:providers:pulumi-python": 1},
            provider_bytes={INSTANCE_TYPE: 136, SEED: 104},
            state_bytes=count * 7 * 1024,
            ids_by_desk={f"desk-{index:02d}": f"wsinst-{index}" for index in range(count)},
        ),
    )


def _rows(text: str) -> list[list[str]]:
    """The cells of a table's data rows (after the header and its rule)."""
    return [line.split() for line in text.splitlines()[2:]]


def test_ratios_are_to_the_smallest_fleet_whatever_the_order() -> None:
    text = fleet_table([measurement(40, 25.0, 15.0), measurement(1, 20.0, 12.0), measurement(10, 22.0, 13.2)])
    header = [cell.strip() for cell in text.splitlines()[0].split("  ") if cell.strip()]
    assert header[:5] == ["N", "up s", "x N=1", "destroy s", "x N=1"]
    # N, up s, ratio, destroy s, ratio: in the order given, each against N=1 (20.0 s and 12.0 s).
    assert [row[:5] for row in _rows(text)] == [
        ["40", "25.0", "1.25", "15.0", "1.25"],
        ["1", "20.0", "1.00", "12.0", "1.00"],
        ["10", "22.0", "1.10", "13.2", "1.10"],
    ]


def test_without_n_1_the_smallest_fleet_is_the_base() -> None:
    rows = _rows(fleet_table([measurement(10, 30.0, 20.0), measurement(40, 45.0, 50.0)]))
    assert [(row[2], row[4]) for row in rows] == [("1.00", "1.00"), ("1.50", "2.50")]


def test_the_other_columns_pair_up_and_destroy() -> None:
    (row,) = _rows(fleet_table([measurement(1, 20.0, 12.0)]))
    assert row[5:] == ["1/1", "11.0/10.0", "0.5/1.5", "1", "2/2", "100", "2.0/1.0", "6.0/3.0"]


def test_cost_lines_count_per_instance_what_scales_with_the_fleet() -> None:
    state, provider = cost_lines(measurement(40, 25.0, 15.0))
    assert state == (
        "state at N=40: besides the stack and the 40 WorkspaceInstances, per instance 1 InstanceSeed; "
        "per stack 1 pulumi-python; 7.0 KB of state per instance"
    )
    assert provider == "__provider per resource (largest): InstanceSeed 104 B, WorkspaceInstance 136 B"


def test_cost_lines_of_a_plugin_fleet_say_no_provider_is_kept() -> None:
    plugin = replace(
        measurement(2, 20.0, 12.0),
        cost=StateCost({STACK_TYPE: 1, PLUGIN_INSTANCE_TYPE: 2}, {}, 2048, {"desk-00": "a", "desk-01": "b"}),
    )
    state, provider = cost_lines(plugin)
    assert "per instance nothing; per stack nothing; 1.0 KB of state per instance" in state
    assert provider.endswith("none (the plugin keeps no provider in state)")


def test_the_detection_table_has_a_row_per_phase_with_the_allowed_delay() -> None:
    rows = detection_table([measurement(1, 20.0, 12.0)], 30.0).splitlines()[2:]
    assert [" ".join(row.split()) for row in rows] == [
        "WorkspaceInstance ALLOCATED (up) Create + 30 s 0.50 6.0 11",
        "WorkspaceInstance DEALLOCATED (destroy) Delete + 30 s 1.50 6.0 10",
    ]


def test_table_right_aligns_every_column_to_its_widest_cell() -> None:
    assert table(["a", "bbb"], [["10", "1"]]) == " a  bbb\n--  ---\n10    1"
