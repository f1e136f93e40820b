"""The harness of ML Engineering Katas, written once for every kata.

kata        discovery: the katas of a collection and their metadata
regions     the starter rendered from the solution by marked regions
grading     running a kata's tests against an implementation and reading its results
report      the tables a learner and a maintainer read
progress    the learner's recorded progress and hints
generated   blocks of markdown that are written from data (catalogue, acceptance table)
skeleton    rendering the cookiecutter template and checking katas for drift
commands    what each nox session does
"""
