"""An example module: replace it with the kata's own.

The solution is the one source of the starter: `nox -s sync` turns every region
between BEGIN SOLUTION and END SOLUTION into `raise NotImplementedError(...)`
with the region's task and prompt, and drops lines that end in `# SOLUTION`.
"""

import math  # SOLUTION


def mean(values: list[float]) -> float:
    """Return the arithmetic mean of `values`; raise ValueError when there are none."""
    # BEGIN SOLUTION (task 1): return the sum of the values divided by their count
    if not values:
        raise ValueError("the mean of no values is undefined")
    return math.fsum(values) / len(values)
    # END SOLUTION
