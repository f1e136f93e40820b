"""The mutants of a solution's regions: each operator, names, sampling, and the regions only."""

import textwrap

from kata_harness import mutants

SOURCE = textwrap.dedent(
    '''
    import math

    import numpy as np

    N_ROUNDS = 3


    def outside(values):
        return values[0] > 1


    def scored(labels, scores, threshold: float = 0.5, seed: int = 7, k: int = 2):
        """A function with a region."""
        # BEGIN SOLUTION (task 2): the region
        rng = np.random.default_rng(seed)
        kept = scores >= threshold
        for _ in range(N_ROUNDS):
            rng.shuffle(kept)
        top = np.sort(scores, kind="stable")[:k]
        return compare(labels, scores), math.floor(len(top) / 2), top.sum() * 0.5
        # END SOLUTION
    '''
)


def changes(operator: str) -> list[str]:
    found, _ = mutants.file_mutants(SOURCE, "pkg/module.py")
    return [m.name.split("] ", 1)[1] for m in found if m.operator == operator]


def test_every_mutant_is_of_the_region_and_names_its_task_and_function():
    found, generated = mutants.file_mutants(SOURCE, "pkg/module.py")
    assert len(found) == min(generated, mutants.MAX_PER_REGION)
    assert {m.task for m in found} == {2}
    assert all(m.name.startswith("pkg/module.py::scored [") for m in found)
    assert all("values[0] > 1" not in m.diff for m in found)  # outside every region
    assert len({m.name for m in found}) == len(found)


def test_comparisons_and_their_boundaries_flip():
    mutants.MAX_PER_REGION, saved = 1000, mutants.MAX_PER_REGION
    try:
        assert "kept = scores >= threshold => kept = (scores > threshold)" in changes("comparison")
        assert any("[:(k + 1)]" in change for change in changes("off-by-one"))
        assert any("range((N_ROUNDS + 1))" in change for change in changes("off-by-one"))
        assert any("round(len(top) / 2)" in change for change in changes("rounding"))
        assert any("top.sum() * 1.0" in change for change in changes("constant"))
        assert any("np.sort(scores)[:k]" in change for change in changes("argument"))
        assert any("compare(scores, labels)" in change for change in changes("swap"))
        assert any("default_rng(0)" in change for change in changes("seed"))
        ignored = changes("parameter")
        assert any("scores >= 0.5" in change for change in ignored)
        assert any("[:2]" in change for change in ignored)
    finally:
        mutants.MAX_PER_REGION = saved


def test_a_generator_is_recreated_inside_the_loop_that_draws_from_it():
    mutants.MAX_PER_REGION, saved = 1000, mutants.MAX_PER_REGION
    try:
        found, _ = mutants.file_mutants(SOURCE, "pkg/module.py")
    finally:
        mutants.MAX_PER_REGION = saved
    (recreated,) = [m for m in found if m.operator == "generator"]
    assert "+        rng = np.random.default_rng(seed)" in recreated.diff
    assert "for _ in range(N_ROUNDS):" in recreated.diff


def test_a_big_region_is_sampled_the_same_way_every_time():
    first, generated = mutants.file_mutants(SOURCE, "pkg/module.py")
    again, _ = mutants.file_mutants(SOURCE, "pkg/module.py")
    assert generated > mutants.MAX_PER_REGION == len(first)
    assert [m.name for m in first] == [m.name for m in again]


def test_messages_are_not_mutated():
    source = textwrap.dedent(
        """
        def check(value):
            # BEGIN SOLUTION (task 1): refuse a negative value
            if value < 0:
                raise ValueError(f"value {value} is below 0, at index {1}")
            return value
            # END SOLUTION
        """
    )
    found, _ = mutants.file_mutants(source, "m.py")
    assert [m.operator for m in found] == ["comparison", "constant"]
    assert all("raise" not in m.name.split("=>")[0] for m in found)


def test_display_keywords_are_not_mutated():
    source = textwrap.dedent(
        """
        def train(batches, epochs: int = 2):
            # BEGIN SOLUTION (task 1): a loop shown with a progress bar
            for batch in tqdm(batches, leave=True, desc="epoch", total=epochs):
                step(batch)
            # END SOLUTION
        """
    )
    found, _ = mutants.file_mutants(source, "m.py")
    assert found and not any("leave=False" in m.name for m in found)
    assert "argument" in {m.operator for m in found}  # total= is not a display keyword


def test_async_functions_and_methods_are_mutated():
    source = textwrap.dedent(
        """
        async def drain(queue, size: int = 4):
            # BEGIN SOLUTION (task 1): take a batch from a queue
            batch = []
            while len(batch) < size:
                batch.append(await queue.get())
            return batch
            # END SOLUTION


        class Service:
            async def admit(self, post):
                # BEGIN SOLUTION (task 2): refuse when full
                if self.queue.qsize() >= self.limit:
                    return False
                return True
                # END SOLUTION
        """
    )
    found, _ = mutants.file_mutants(source, "m.py")
    by_task = {m.task: m.name for m in found}
    assert by_task.keys() == {1, 2}
    assert "m.py::drain [" in by_task[1] and "m.py::Service.admit [" in by_task[2]
    assert any("len(batch) < 4" in m.name for m in found if m.operator == "parameter")
