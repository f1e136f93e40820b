"""Task 7: a digit classifier's backbone reused by the detector: probe, fine-tune, scratch."""

import numpy as np
import pytest
import torch

from vision.detector import PRIOR, CenterNet
from vision.train import TrainingSettings
from vision.transfer import DigitClassifier, freeze, from_pretrained, train_detector

SHORT = TrainingSettings(epochs=2, batch_size=4)
NONE = TrainingSettings(epochs=0)
# The transfer metric: a backbone pre-trained on every other digit (250 of each, as the
# digits come sorted by class), then detectors trained for 20 epochs on 30 labelled scenes
# (few labels, a short budget), on three draws of them.
FEW_SCENES, DRAWS = 30, 3
FEW_SETTINGS = TrainingSettings(epochs=20, batch_size=16)


def pretrained_state(seed):
    """A backbone state unlike a fresh one: other weights, and batch-norm statistics moved."""
    torch.manual_seed(seed + 100)
    backbone = CenterNet(3).backbone
    with torch.no_grad():
        for name, tensor in backbone.state_dict().items():
            if tensor.is_floating_point():
                tensor.add_(torch.rand_like(tensor) * 0.1 + (0.5 if "running_var" in name else 0.0))
    return {name: tensor.clone() for name, tensor in backbone.state_dict().items()}


def same_tensors(state_a, state_b):
    return state_a.keys() == state_b.keys() and all(
        torch.equal(state_a[k], state_b[k]) for k in state_a
    )


@pytest.fixture(scope="module")
def few_scenes(seed):
    from vision.scenes import make_scenes

    return make_scenes(8, seed=seed + 1)


@pytest.mark.task(7)
def test_the_digit_classifier_pools_then_classifies(seed):
    torch.manual_seed(seed)
    backbone = CenterNet(3, width=16).backbone
    classifier = DigitClassifier(backbone, 16).eval()
    images = torch.rand(5, 3, 28, 28)
    with torch.no_grad():
        got = classifier(images)
        expected = classifier.head(backbone(images).mean(dim=(2, 3)))
    assert got.shape == (5, 10), (
        f"Task 7: ten logits per image, shape (5, 10), got {tuple(got.shape)}"
    )
    assert torch.allclose(got, expected, atol=1e-6), (
        "Task 7: the logits are the head applied to each feature map's mean over rows and "
        "columns (global average pooling)"
    )
    assert classifier.backbone is backbone, "Task 7: the classifier keeps the backbone it is given"


@pytest.mark.task(7)
@pytest.mark.parametrize("n_classes", [3, 5])
def test_from_pretrained_loads_the_whole_backbone(seed, n_classes):
    state = pretrained_state(seed)
    model = from_pretrained(state, n_classes)
    assert isinstance(model, CenterNet) and model.heatmap.out_channels == n_classes, (
        f"Task 7: a CenterNet for {n_classes} classes, got {model!r:.80}"
    )
    assert same_tensors(model.backbone.state_dict(), state), (
        "Task 7: every tensor of the backbone (weights and batch-norm statistics) should be "
        "the pre-trained one"
    )
    bias = model.heatmap.bias.detach()
    assert torch.allclose(
        bias, torch.full_like(bias, -torch.log(torch.tensor((1 - PRIOR) / PRIOR)))
    ), "Task 7: the heads are freshly made (the heatmap's bias starts at the prior)"


@pytest.mark.task(7)
def test_from_pretrained_refuses_a_state_that_does_not_fit(seed):
    state = pretrained_state(seed)
    missing = {k: v for k, v in state.items() if not k.startswith("3.")}
    with pytest.raises(RuntimeError, match="Missing"):
        from_pretrained(missing, 3)
    extra = {**state, "9.weight": torch.zeros(1)}
    with pytest.raises(RuntimeError, match="Unexpected"):
        from_pretrained(extra, 3)


@pytest.mark.task(7)
def test_freeze_stops_parameters_and_statistics():
    model = CenterNet(3)
    model.train()
    freeze(model.backbone)
    assert not any(p.requires_grad for p in model.backbone.parameters()), (
        "Task 7: after freeze, no parameter of the module requires a gradient"
    )
    assert not model.backbone.training and not any(m.training for m in model.backbone.modules()), (
        "Task 7: freeze puts the module (and so its batch norms) in evaluation mode"
    )
    assert all(p.requires_grad for p in model.heatmap.parameters()) and model.heatmap.training, (
        "Task 7: freezing the backbone leaves the heads alone"
    )


@pytest.mark.task(7)
def test_a_probe_trains_the_heads_only(seed, few_scenes):
    state = pretrained_state(seed)
    torch.manual_seed(seed)
    start = from_pretrained(state, 3)
    model = train_detector(few_scenes, "probe", state, SHORT, seed=seed)
    assert same_tensors(model.backbone.state_dict(), state), (
        "Task 7: a probe must not change the backbone, its batch-norm running statistics "
        "included (freeze the backbone, and fit with frozen_backbone=True)"
    )
    assert not torch.equal(model.heatmap.weight, start.heatmap.weight), (
        "Task 7: a probe trains the heads"
    )


@pytest.mark.task(7)
def test_a_fine_tune_starts_from_the_pretrained_weights_and_trains_all(seed, few_scenes):
    state = pretrained_state(seed)
    untrained = train_detector(few_scenes, "finetune", state, NONE, seed=seed)
    torch.manual_seed(seed)
    expected = from_pretrained(state, 3)
    assert same_tensors(untrained.state_dict(), expected.state_dict()), (
        "Task 7: with 0 epochs a fine-tune is from_pretrained(backbone_state) made right after "
        "torch.manual_seed(seed): the same backbone, the same fresh heads"
    )
    trained = train_detector(few_scenes, "finetune", state, SHORT, seed=seed)
    assert not torch.equal(trained.backbone[0][0].weight, state["0.0.weight"]), (
        "Task 7: a fine-tune trains the backbone too"
    )
    again = train_detector(few_scenes, "finetune", state, SHORT, seed=seed)
    assert same_tensors(trained.state_dict(), again.state_dict()), (
        "Task 7: the same seed, the same model"
    )


@pytest.mark.task(7)
def test_from_scratch_ignores_the_pretrained_weights(seed, few_scenes):
    state = pretrained_state(seed)
    model = train_detector(few_scenes, "scratch", state, NONE, seed=seed + 1)
    torch.manual_seed(seed + 1)
    fresh = CenterNet(3)
    assert same_tensors(model.state_dict(), fresh.state_dict()), (
        "Task 7: from scratch is fit's own new CenterNet, seeded with the seed: with 0 epochs, "
        "torch.manual_seed(seed) then CenterNet(3)"
    )


@pytest.mark.task(7)
def test_train_detector_refuses_a_bad_mode(few_scenes):
    with pytest.raises(ValueError, match="frozen"):
        train_detector(few_scenes, "frozen", None, NONE)
    with pytest.raises(ValueError, match="backbone_state"):
        train_detector(few_scenes, "probe", None, NONE)


@pytest.mark.task(7)
def test_transfer_beats_scratch_with_few_labels(seed, test_scenes, metric):
    from vision.evaluation import mean_average_precision
    from vision.scenes import make_scenes
    from vision.train import detect
    from vision.transfer import load_digits, pretrain_backbone

    digits, labels = load_digits()
    state = pretrain_backbone(digits[::2], labels[::2], seed=seed)
    images = np.stack([scene.image for scene in test_scenes])
    gains = []
    for draw in range(1, DRAWS + 1):
        scenes = make_scenes(FEW_SCENES, seed=seed + draw)
        fine_tuned, scratch = (
            mean_average_precision(
                test_scenes,
                detect(train_detector(scenes, mode, state, FEW_SETTINGS, seed=seed + draw), images),
                3,
                [0.5],
            )
            for mode in ("finetune", "scratch")
        )
        gains.append(fine_tuned - scratch)
    metric("transfer_gain", float(np.mean(gains)))
