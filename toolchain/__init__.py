"""What the tests and the benchmark share about the local toolchain: never shipped, never imports them.

Not part of the distribution (pyproject.toml lists the packages the wheel ships; this is not one of
them). It imports only the standard library, so ``tests/`` and ``bench/`` can both import it.

- ``paths``: the repository's folders and the executables ``make`` builds into them
- ``environment``: the throwaway stack settings and the environment that aims AWS clients at the emulator
- ``pulumi_cli``: the environment of one run of the built Pulumi CLI, and why the CLI cannot run
- ``processes``: the provider processes of one run, found in /proc
- ``prebuilt``: the programs ``make`` builds once for the real-CLI tests, and whether a build is stale
"""
