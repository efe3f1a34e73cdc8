"""``python -m journeys mutate``: how strong the suite is, as a mutation score.

Two kinds of mutants: cosmic-ray's operator mutants (``cosmic``: a comparison turned round, a
number changed) and journeys' integration mutants (``integration``: a filter dropped, a lock
removed, a guard gone, a state allowed one move too many), each tried against the scenarios
that run its line. ``outcomes`` holds what became of them, the score and the table.
"""

from journeys.mutation.cosmic import NOT_PYTHON, NOT_RUN, TOO_LATE, test_mutant
from journeys.mutation.outcomes import LEFT_OUT, Mutant, accept, scores, table

__all__ = ["LEFT_OUT", "NOT_PYTHON", "NOT_RUN", "TOO_LATE", "Mutant", "accept", "scores", "table",
           "test_mutant"]  # fmt: skip
