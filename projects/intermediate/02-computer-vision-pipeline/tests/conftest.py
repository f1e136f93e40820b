"""Shared fixtures: the scenes, one trained detector, a movie and its video file.

Everything costly is built once per session: the detector is trained once, in
`trained_detector`, and every test of Tasks 4 and 6 that needs it shares it. The
package is imported inside the fixtures, not at the top: this file loads before the
kata's conftest.py has chosen which implementation (starter, solution or yours) to
import.
"""

import pytest

SEED = 7
# Small enough to train in seconds; the brief's figures come from these settings too.
TRAIN_SCENES = 300
TEST_SCENES = 150
TRAIN_EPOCHS = 8
MOVIE_FRAMES = 60


@pytest.fixture(scope="session")
def seed() -> int:
    """The seed of the scenes, the training and the movie."""
    return SEED


@pytest.fixture(scope="session")
def train_scenes():
    from vision.scenes import make_scenes

    return make_scenes(TRAIN_SCENES, seed=SEED)


@pytest.fixture(scope="session")
def test_scenes():
    """Held-out scenes, from another seed: only ever measured on."""
    from vision.scenes import make_scenes

    return make_scenes(TEST_SCENES, seed=SEED + 1000)


@pytest.fixture(scope="session")
def trained_detector(train_scenes):
    """A CenterNet trained by the provided `fit`, on your Task 3 targets and Task 4 loss."""
    from vision.train import TrainingSettings, fit

    model, history = fit(train_scenes, TrainingSettings(epochs=TRAIN_EPOCHS), seed=SEED)
    return model, history


@pytest.fixture(scope="session")
def movie():
    from vision.movies import make_movie

    return make_movie(MOVIE_FRAMES, seed=SEED)


@pytest.fixture(scope="session")
def movie_file(movie, tmp_path_factory):
    """The movie written as an MJPG video by your Task 6 `write_video`."""
    from vision.pipeline import write_video

    path = tmp_path_factory.mktemp("videos") / "shapes.avi"
    write_video(movie.frames, path)
    return path
