"""What a failed step of the benchmark raises."""


class BenchError(Exception):
    """A step failed; the message says which and shows the end of its output."""
