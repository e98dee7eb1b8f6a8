"""``make bench``: how long fleets of desktops take to create and destroy, through the real CLI.

Not a test: it measures, it asserts nothing. For each kind (``WorkspaceInstance`` and
``Workspace`` component) and each fleet size N it starts an emulator whose allocation and
deallocation take ``--seconds``, creates a fresh file-backed stack of the program
``tests/e2e/programs/fleet``, runs ``pulumi up --yes`` and ``pulumi destroy --yes`` and prints:

- the wall time of each and its ratio to N=1 (N desktops should take about as long as one when
  the engine's parallelism allows it);
- GetWorkspaceInstance calls per instance and the worst detection delay (from the moment an
  instance became ALLOCATED / DEALLOCATED, by the emulator's clock, to the Get that saw it);
- the provider host processes (``python -m pulumi.dynamic`` with this run's backend in its
  environment), their peak total RSS and CPU time, sampled from /proc, and the CPU time of the
  whole CLI run (engine, language host, program and hosts);
- what the fleet costs in state: resources per instance and the ``__provider`` size per resource.

Then one desktop at ``--detection-seconds``: how late ALLOCATED and DEALLOCATED were noticed
and how many Gets that took.

Then the fixed cost of a desktop (``--kinds fixed-cost`` alone runs only this part): ``pulumi up
--yes``, a no-change ``pulumi preview`` and ``pulumi up --yes --skip-preview`` of one
WorkspaceInstance against the same commands for one trivial ``pulumi.dynamic`` resource
(``bench/programs/trivial``), interleaved against one emulator allocating in 0.3 s, as medians of
``--rounds`` runs and their ratios (targets: 1.5 for up, 1.3 for preview).

``--workers 4`` sets WORKSPACES_INSTANCES_HOST_WORKERS=4, the SDK's own host, for the
before/after comparison; ``--parallel default`` leaves PULUMI_PARALLEL unset (the engine's
default, 4 x CPUs). Everything it starts (emulators, stacks, backends, temp dirs) is removed
at the end, also after a failure or Ctrl-C.

Run as ``python -m bench`` from the repository's root, or ``scripts/bench`` from anywhere. Not
shipped (pyproject.toml lists what the wheel ships); it imports the package, ``toolchain`` (what
it shares with the tests) and the standard library, never ``tests``.

- ``arguments``: the command line
- ``command``: every kind and size measured, the tables printed (``main``)
- ``fleets``: the kinds of fleet and their programs (the Python fleet program, or generated YAML)
- ``emulator_process``: the emulator each measurement starts
- ``stack``: one fleet's stack, backend and CLI runs
- ``process_groups``: stopping a child with everything it started
- ``host_usage``: the provider host processes of one CLI run, sampled from /proc
- ``measure``: one fleet's up and destroy, measured (``Measurement``)
- ``fixed_cost``: one desktop's runs against a trivial dynamic resource's (``FixedCost``); its
  trivial program is ``programs/trivial``
- ``call_log``: detection delays and concurrency, read from the emulator's call log
- ``state_cost``: what a fleet costs in state
- ``report``: the tables and lines printed (fleets, detection, fixed cost)
- ``errors``: ``BenchError``, a step that failed
"""
