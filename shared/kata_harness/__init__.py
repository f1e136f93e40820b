"""The harness of ML Engineering Katas, written once for every kata.

kata        discovery: the katas of a collection and their metadata
regions     the starter rendered from the solution by marked regions
grading     running a kata's tests against an implementation and reading its results
records     each kata's recorded reference run and strength proof, keyed by a content hash
report      the tables a learner and a maintainer read
progress    the learner's recorded progress and hints
generated   blocks of markdown that are written from data (catalogue, brief's figures)
skeleton    rendering the cookiecutter template and checking katas for drift
learner     the learner's commands: start, check, watch, hint, status, solution, bench, tiers
maintainer  the maintainer's commands: verify, sync, new
"""
