"""Task 5: save the fitted pipeline with skops, and load it only when it is safe and current."""

import pickle
import zipfile

import numpy as np
import pytest
import sklearn
import skops.io as sio

from churn.__main__ import OK, main
from churn.model import build_pipeline
from churn.score import TRUSTED_TYPES, load_model, save_model

SAMPLE = 1_500  # customers to fit the boosting on: its trees are what matters here


class Untrusted:
    """A type that no allow-list names: loading it could run code it was never vetted for."""


@pytest.mark.task(5)
def test_a_saved_model_is_a_skops_file_that_predicts_the_same(
    model_path, fitted_pipeline, customers
):
    assert zipfile.is_zipfile(model_path), (
        "Task 5: save_model should write a skops file (skops.io.dump), not a pickle"
    )
    saved = sio.load(model_path, trusted=TRUSTED_TYPES)
    assert isinstance(saved, dict) and saved.get("sklearn_version") == sklearn.__version__, (
        "Task 5: save_model should write {'pipeline': ..., 'sklearn_version': "
        "sklearn.__version__} with skops.io.dump; the file holds "
        f"{sorted(saved) if isinstance(saved, dict) else type(saved).__name__}"
    )
    loaded = load_model(model_path)
    sample = customers.head(50)
    assert np.array_equal(loaded.predict_proba(sample), fitted_pipeline.predict_proba(sample)), (
        "Task 5: the loaded pipeline should predict exactly as the one that was saved"
    )


@pytest.mark.task(5)
def test_a_saved_boosting_pipeline_loads_too(customers, labels, tmp_path):
    sample = customers.sample(SAMPLE, random_state=1)
    pipeline = build_pipeline("boosting", 2).fit(sample, labels[sample.index])
    path = tmp_path / "boosting.skops"
    save_model(pipeline, path)
    try:
        loaded = load_model(path)
    except ValueError as error:
        pytest.fail(
            "Task 5: a saved gradient boosting pipeline should load: its trees are a type "
            f"(TreePredictor) that skops trusts only when told to, as TRUSTED_TYPES does; {error}"
        )
    assert np.array_equal(loaded.predict_proba(sample), pipeline.predict_proba(sample)), (
        "Task 5: the loaded boosting pipeline should predict exactly as the one that was saved"
    )


@pytest.mark.task(5)
def test_a_model_from_another_scikit_learn_is_refused(fitted_pipeline, tmp_path):
    path = tmp_path / "old.skops"
    sio.dump({"pipeline": fitted_pipeline, "sklearn_version": "0.24.2"}, path)
    with pytest.raises(ValueError) as raised:
        load_model(path)
    message = str(raised.value)
    assert "0.24.2" in message and sklearn.__version__ in message and "old.skops" in message, (
        "Task 5: a model saved by scikit-learn 0.24.2 must be refused with a message naming "
        f"the file and both versions (0.24.2 and {sklearn.__version__}); got {message!r}"
    )


def write_list(path):
    sio.dump(["not", "a", "model"], path)


def write_pickle(path):
    path.write_bytes(pickle.dumps({"pipeline": None, "sklearn_version": sklearn.__version__}))


def write_without_pipeline(path):
    sio.dump({"model": [1, 2], "sklearn_version": sklearn.__version__}, path)


def write_without_version(path):
    sio.dump({"pipeline": [1, 2]}, path)


def write_untrusted(path):
    sio.dump({"pipeline": Untrusted(), "sklearn_version": sklearn.__version__}, path)


@pytest.mark.task(5)
@pytest.mark.parametrize(
    "write",
    [write_list, write_pickle, write_without_pipeline, write_without_version, write_untrusted],
    ids=["a list", "a pickle", "no pipeline", "no version", "an untrusted type"],
)
def test_a_file_that_is_no_safe_model_is_refused(write, tmp_path):
    path = tmp_path / "suspect.skops"
    write(path)
    with pytest.raises(ValueError, match="suspect.skops"):
        load_model(path)


@pytest.mark.task(5)
def test_a_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "nowhere.skops")


@pytest.mark.task(5)
def test_python_dash_m_churn_train_saves_a_model_that_loads(fitted_pipeline, customers, tmp_path):
    path = tmp_path / "trained.skops"
    status = main(["train", "--model-file", str(path)])
    assert status == OK and path.is_file(), (
        f"Task 5: python -m churn train should save the pipeline to {path.name} and return OK "
        f"({OK}); got status {status}"
    )
    sample = customers.head(50)
    assert np.array_equal(
        load_model(path).predict_proba(sample), fitted_pipeline.predict_proba(sample)
    ), "Task 5: the trained model should be the logistic pipeline fitted on every customer"
