"""What the provider tells the user while it works: progress lines and warnings.

``diagnostics`` decides where a line goes (the dynamic host's stdout/stderr, or the engine's log
on the plugin face); ``progress`` writes the waits and retries of long operations through it.
May import nothing else of the provider: every other part may report.
"""
