"""One trivial dynamic resource (see trivial.py): the benchmark's floor for the fixed cost of a resource."""

import pulumi
from trivial import Trivial  # beside this program: on the path of the program and the provider host

resource = Trivial("floor", "value")
pulumi.export("value", resource.value)
