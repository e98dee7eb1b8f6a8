"""What every resource does with its inputs, before and apart from any AWS call that changes something.

- ``properties`` — the property names all resources share (tags, region, timeouts, the hidden
  inputs) and reading a property bag (clean, prune, tags);
- ``checks`` — the checks all resources share: problems, the walk of a value against a botocore
  shape, tags, region, timeouts;
- ``timeouts`` — durations and the limit in effect (``timeouts`` input or ``customTimeouts``);
- ``arguments`` — wrong arguments to resources and functions, as one-line errors;
- ``wire_values`` — unknowns and secret wrappers as the wire hands them over;
- ``suggestions`` — "did you mean".

May import :mod:`..aws` (the model the checks walk, the default region); never a resource's own parts.
"""
