"""Task 3: a small CNN that gives one logit per class, for grey digits and colour images alike."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from digit_classifier.data import NUM_CLASSES
from digit_classifier.model import DigitCNN

MAX_PARAMETERS = 50_000  # a small model: a few hundred KB of weights
BATCH = 8
OVERFIT_IMAGES = 64
OVERFIT_STEPS = 60
OVERFIT_LEARNING_RATE = 1e-2


def parameter_count(model: nn.Module) -> int:
    return sum(parameter.numel() for parameter in model.parameters() if parameter.requires_grad)


@pytest.mark.task(3)
def test_logits_for_a_batch_of_digits():
    torch.manual_seed(0)
    model = DigitCNN()
    logits = model(torch.randn(BATCH, 1, 28, 28))
    assert tuple(logits.shape) == (BATCH, NUM_CLASSES), (
        f"Task 3: a batch of {BATCH} digits (N, 1, 28, 28) should give logits of shape "
        f"({BATCH}, {NUM_CLASSES}), got {tuple(logits.shape)}"
    )
    assert logits.dtype == torch.float32 and torch.isfinite(logits).all(), (
        "Task 3: the logits should be finite float32 numbers"
    )
    assert any(isinstance(module, nn.Conv2d) for module in model.modules()), (
        "Task 3: the network should be convolutional: it has no nn.Conv2d layer"
    )


@pytest.mark.task(3)
def test_same_network_takes_colour_images_of_another_size():
    torch.manual_seed(0)
    model = DigitCNN(in_channels=3, num_classes=NUM_CLASSES, image_size=32)
    logits = model(torch.randn(BATCH, 3, 32, 32))
    assert tuple(logits.shape) == (BATCH, NUM_CLASSES), (
        "Task 3: DigitCNN(in_channels=3, image_size=32) should take CIFAR-10-sized colour "
        f"batches (N, 3, 32, 32) and give ({BATCH}, {NUM_CLASSES}) logits, got "
        f"{tuple(logits.shape)}. Use in_channels for the first convolution and compute the "
        "linear layer's input size from image_size."
    )
    five = DigitCNN(num_classes=5)(torch.randn(2, 1, 28, 28))
    assert tuple(five.shape) == (2, 5), (
        f"Task 3: DigitCNN(num_classes=5) should give 5 logits per image, got {tuple(five.shape)}"
    )
    for side in (27, 30):  # the poolings round down: 27 -> 13 -> 6, 30 -> 15 -> 7
        logits = DigitCNN(image_size=side)(torch.randn(2, 1, side, side))
        assert tuple(logits.shape) == (2, NUM_CLASSES), (
            f"Task 3: DigitCNN(image_size={side}) should take {side} x {side} images: each 2 x 2 "
            f"pooling halves the side rounding down, so the linear layer sees "
            f"channels * ({side} // 2 // 2) ** 2 numbers"
        )


@pytest.mark.task(3)
@pytest.mark.parametrize(("in_channels", "image_size"), [(1, 28), (3, 32)])
def test_parameter_budget(in_channels, image_size):
    count = parameter_count(DigitCNN(in_channels=in_channels, image_size=image_size))
    assert 1_000 <= count <= MAX_PARAMETERS, (
        f"Task 3: DigitCNN(in_channels={in_channels}, image_size={image_size}) has {count:,} "
        f"trainable parameters; keep it between 1,000 and {MAX_PARAMETERS:,}. Most of them sit "
        "in the linear layer: pool the feature maps down before flattening."
    )


@pytest.mark.task(3)
def test_the_linear_layer_reads_pooled_activations():
    """conv -> ReLU -> pool, twice: what reaches the linear layer has been through a ReLU."""
    torch.manual_seed(0)
    model = DigitCNN().train()
    inputs = []
    for module in model.modules():
        if isinstance(module, nn.Linear):
            module.register_forward_hook(lambda _, arguments, __: inputs.append(arguments[0]))
    model(torch.randn(BATCH, 1, 28, 28))
    assert len(inputs) == 1, (
        f"Task 3: the network should have one nn.Linear layer, the last one; it ran {len(inputs)}"
    )
    assert (inputs[0] >= 0).all(), (
        "Task 3: each block is convolution, then ReLU, then max pooling, so the features the "
        "linear layer reads are never negative; got negative ones. Check the order of the layers."
    )


@pytest.mark.task(3)
def test_each_image_is_scored_on_its_own():
    torch.manual_seed(0)
    model = DigitCNN().eval()
    images = torch.randn(BATCH, 1, 28, 28)
    with torch.no_grad():
        together = model(images)
        alone = torch.cat([model(image[None]) for image in images])
    assert torch.allclose(together, alone, atol=1e-5), (
        "Task 3: in evaluation mode an image's logits should not depend on the other images "
        "of its batch"
    )


@pytest.mark.task(3)
def test_network_can_learn_a_batch_by_heart(split):
    """The first check of any new network: it can drive the loss on one small batch to zero."""
    torch.manual_seed(0)
    model = DigitCNN()
    images = split.train.images[:OVERFIT_IMAGES]
    images = (images - images.mean()) / images.std()
    labels = split.train.labels[:OVERFIT_IMAGES]
    optimiser = torch.optim.Adam(model.parameters(), lr=OVERFIT_LEARNING_RATE)
    model.train()
    for _ in range(OVERFIT_STEPS):
        optimiser.zero_grad()
        F.cross_entropy(model(images), labels).backward()
        optimiser.step()
    missing = [name for name, p in model.named_parameters() if p.grad is None]
    assert not missing, f"Task 3: these parameters never got a gradient: {missing}"
    model.eval()
    with torch.no_grad():
        accuracy = (model(images).argmax(dim=1) == labels).float().mean().item()
    assert accuracy == 1.0, (
        f"Task 3: after {OVERFIT_STEPS} Adam steps on the same {OVERFIT_IMAGES} digits the "
        f"network should get every one right, got {accuracy:.0%}. Check that forward returns "
        "logits (no softmax) and that every layer is registered as an attribute of the module."
    )
