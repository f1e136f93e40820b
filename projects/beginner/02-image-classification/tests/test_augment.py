"""Task 2: seeded augmentations that keep the shape, the value range and the digit."""

import warnings

import pytest
import torch

from digit_classifier.augment import (
    Augmentation,
    random_erasing,
    random_rotation,
    random_scale,
    random_shift,
    rectangle_masks,
    warp,
)

BATCH = 32
SIDE = 28
CENTRE = (SIDE - 1) / 2  # the pixel coordinate of the image's centre
EXACT = 1e-5
MAX_SHIFT = 3.0
MAX_DEGREES = 20.0
MAX_SCALE_CHANGE = 0.2
MAX_AREA = 0.3
JUDGED = 500  # digits augmented to check that they keep their label
LABEL_KEPT = 0.7  # the share of them that must stay nearest to a digit of their own class

# Each augmentation with a strength that visibly changes a digit.
AUGMENTATIONS = {
    "random_shift": lambda images, strength, g: random_shift(images, strength * MAX_SHIFT, g),
    "random_rotation": lambda images, strength, g: random_rotation(
        images, strength * MAX_DEGREES, g
    ),
    "random_scale": lambda images, strength, g: random_scale(
        images, strength * MAX_SCALE_CHANGE, g
    ),
    "random_erasing": lambda images, strength, g: random_erasing(
        images, strength * MAX_AREA, g, probability=1.0
    ),
}


SEED, OTHER_SEED = 7, 8


def generator(seed: int = SEED) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


@pytest.fixture(scope="module")
def batch(digits) -> torch.Tensor:
    """Real digits, pixels in [0, 1]."""
    return digits.images[:BATCH].clone()


def blob(row: float, column: float, count: int = BATCH) -> torch.Tensor:
    """`count` copies of a soft round spot centred on (row, column), pixels in [0, 1]."""
    rows = torch.arange(SIDE, dtype=torch.float32).view(SIDE, 1)
    columns = torch.arange(SIDE, dtype=torch.float32).view(1, SIDE)
    spot = torch.exp(-((rows - row) ** 2 + (columns - column) ** 2) / (2 * 1.5**2))
    return spot.expand(count, 1, SIDE, SIDE).clone()


def mass_and_centroid(images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Total ink of each image, and the row and column of its centre of mass."""
    coordinates = torch.arange(SIDE, dtype=torch.float32)
    ink = images[:, 0]
    mass = ink.sum(dim=(1, 2))
    rows = (ink.sum(dim=2) * coordinates).sum(dim=1) / mass
    columns = (ink.sum(dim=1) * coordinates).sum(dim=1) / mass
    return mass, rows, columns


@pytest.mark.task(2)
def test_warp_with_the_identity_returns_the_images(batch):
    identity = torch.eye(2, 3).repeat(BATCH, 1, 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warped = warp(batch, identity)
    assert not caught, (
        "Task 2: warp made torch warn: "
        f"{[str(warning.message) for warning in caught][:1]}; pass align_corners=False to both "
        "F.affine_grid and F.grid_sample, as the docstring says"
    )
    assert warped.shape == batch.shape and torch.allclose(warped, batch, atol=EXACT), (
        "Task 2: warping through identity matrices should return the images unchanged; use "
        "F.affine_grid(matrices, images.shape, align_corners=False) and F.grid_sample with the "
        "same align_corners"
    )
    half_turn = torch.tensor([[-1.0, 0.0, 0.0], [0.0, -1.0, 0.0]]).repeat(BATCH, 1, 1)
    turned = warp(batch, half_turn)
    assert torch.allclose(turned, batch.flip(2, 3), atol=EXACT), (
        "Task 2: the matrix [[-1, 0, 0], [0, -1, 0]] should turn each image upside down exactly "
        "(the same as images.flip(2, 3))"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize("name", AUGMENTATIONS)
def test_augmentation_keeps_shape_and_range_and_input(batch, name):
    augment = AUGMENTATIONS[name]
    original = batch.clone()
    augmented = augment(batch, 1.0, generator())
    assert augmented.shape == batch.shape and augmented.dtype == batch.dtype, (
        f"Task 2: {name} should return a {tuple(batch.shape)} {batch.dtype} batch, got "
        f"{tuple(augmented.shape)} {augmented.dtype}"
    )
    assert augmented.min() >= 0 and augmented.max() <= 1, (
        f"Task 2: {name} should keep pixels in [0, 1], got values from {augmented.min():.3f} "
        f"to {augmented.max():.3f}"
    )
    assert torch.equal(batch, original), (
        f"Task 2: {name} changed its input; work on a copy (or use out-of-place operations)"
    )
    assert not torch.allclose(augmented, batch), f"Task 2: {name} left every image as it was"


@pytest.mark.task(2)
@pytest.mark.parametrize("name", AUGMENTATIONS)
def test_augmentation_at_zero_strength_changes_nothing(batch, name):
    augmented = AUGMENTATIONS[name](batch, 0.0, generator())
    assert torch.allclose(augmented, batch, atol=EXACT), (
        f"Task 2: {name} at strength 0 should return the images unchanged (largest change "
        f"{(augmented - batch).abs().max():.2e})"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize("name", AUGMENTATIONS)
def test_augmentation_is_seeded_and_drawn_per_image(batch, name):
    augment = AUGMENTATIONS[name]
    first = augment(batch, 1.0, generator(SEED))
    again = augment(batch, 1.0, generator(SEED))
    other = augment(batch, 1.0, generator(OTHER_SEED))
    assert torch.equal(first, again), (
        f"Task 2: {name} with two generators of the same seed should give the same images; draw "
        "every random number from the generator (torch.rand(..., generator=generator))"
    )
    assert not torch.equal(first, other), (
        f"Task 2: {name} gave the same images for seeds {SEED} and {OTHER_SEED}"
    )
    same = batch[:1].expand(BATCH, -1, -1, -1)
    copies = augment(same, 1.0, generator(SEED))
    distinct = len({image.numpy().tobytes() for image in copies})
    assert distinct > BATCH // 2, (
        f"Task 2: {name} applied to {BATCH} copies of one digit gave only {distinct} different "
        "images: draw a separate transformation for every image of the batch"
    )


@pytest.mark.task(2)
def test_random_shift_moves_the_ink_within_the_bound():
    spots = blob(CENTRE, CENTRE)
    mass, rows, columns = mass_and_centroid(spots)
    shifted_mass, shifted_rows, shifted_columns = mass_and_centroid(
        random_shift(spots, MAX_SHIFT, generator())
    )
    moves = torch.stack([shifted_rows - rows, shifted_columns - columns])
    assert torch.allclose(shifted_mass, mass, rtol=1e-3), (
        "Task 2: a shift of a spot in the middle should keep all its ink; got totals from "
        f"{shifted_mass.min():.2f} to {shifted_mass.max():.2f} instead of {mass[0]:.2f}"
    )
    assert moves.abs().max() <= MAX_SHIFT + 0.01, (
        f"Task 2: random_shift(max_pixels={MAX_SHIFT}) moved a spot by up to "
        f"{moves.abs().max():.2f} pixels in one direction. A pixel is 2 / width units of "
        "affine_grid's coordinates."
    )
    assert moves[0].abs().max() > MAX_SHIFT / 2 and moves[1].abs().max() > MAX_SHIFT / 2, (
        f"Task 2: random_shift(max_pixels={MAX_SHIFT}) should move spots both across and down "
        f"by up to {MAX_SHIFT} pixels; the largest moves were {moves[0].abs().max():.2f} down "
        f"and {moves[1].abs().max():.2f} across"
    )


@pytest.mark.task(2)
def test_random_rotation_turns_about_the_centre_within_the_bound():
    radius = 8.0
    spots = blob(CENTRE - radius, CENTRE)  # straight above the centre
    mass, _, _ = mass_and_centroid(spots)
    turned_mass, rows, columns = mass_and_centroid(random_rotation(spots, MAX_DEGREES, generator()))
    distances = torch.hypot(rows - CENTRE, columns - CENTRE)
    angles = torch.rad2deg(torch.atan2(columns - CENTRE, CENTRE - rows))
    assert torch.allclose(distances, torch.full_like(distances, radius), atol=0.1), (
        f"Task 2: a rotation about the centre keeps a spot {radius} pixels from it; got distances "
        f"from {distances.min():.2f} to {distances.max():.2f}"
    )
    assert torch.allclose(turned_mass, mass, rtol=0.02), "Task 2: a rotation should keep the ink"
    assert angles.abs().max() <= MAX_DEGREES + 0.2, (
        f"Task 2: random_rotation(max_degrees={MAX_DEGREES}) turned a spot by up to "
        f"{angles.abs().max():.1f} degrees; convert degrees with math.radians"
    )
    assert angles.abs().max() > MAX_DEGREES / 2 and angles.min() < 0 < angles.max(), (
        f"Task 2: the angles should spread over [-{MAX_DEGREES}, {MAX_DEGREES}] degrees; got "
        f"{angles.min():.1f} to {angles.max():.1f}"
    )


@pytest.mark.task(2)
def test_random_scale_zooms_about_the_centre_within_the_bound():
    spots = blob(CENTRE, CENTRE)
    mass, _, _ = mass_and_centroid(spots)
    zoomed = random_scale(spots, MAX_SCALE_CHANGE, generator())
    zoomed_mass, rows, columns = mass_and_centroid(zoomed)
    factors = torch.sqrt(zoomed_mass / mass)  # ink grows with the square of the zoom
    low, high = 1 - MAX_SCALE_CHANGE, 1 + MAX_SCALE_CHANGE
    assert torch.allclose(rows, torch.full_like(rows, CENTRE), atol=0.05) and torch.allclose(
        columns, torch.full_like(columns, CENTRE), atol=0.05
    ), "Task 2: a zoom about the centre should leave a centred spot centred"
    assert factors.min() >= low - 0.01 and factors.max() <= high + 0.01, (
        f"Task 2: random_scale(max_change={MAX_SCALE_CHANGE}) should zoom by factors in "
        f"[{low}, {high}]; the spots' ink says factors from {factors.min():.3f} to "
        f"{factors.max():.3f}"
    )
    assert factors.min() < 1 - MAX_SCALE_CHANGE / 2 and factors.max() > 1 + MAX_SCALE_CHANGE / 2, (
        f"Task 2: the zoom factors should spread over [{low}, {high}]; got {factors.min():.3f} "
        f"to {factors.max():.3f}"
    )


def masks_by_loops(rectangles: list[tuple[int, int, int, int]], height: int, width: int):
    """The masks of (top, left, height, width) rectangles, one slice assignment at a time."""
    masks = torch.zeros(len(rectangles), height, width, dtype=torch.bool)
    for mask, (top, left, rows, columns) in zip(masks, rectangles, strict=True):
        mask[top : top + rows, left : left + columns] = True
    return masks


@pytest.mark.task(2)
def test_rectangle_masks_cover_exactly_each_rectangle():
    height, width = 4, 5  # not square, so rows and columns cannot be mixed up unseen
    rectangles = [(0, 0, 4, 5), (1, 2, 2, 1), (3, 4, 1, 1), (2, 1, 0, 3), (0, 3, 4, 2)]
    tops, lefts, heights, widths = torch.tensor(rectangles).T
    masks = rectangle_masks(tops, lefts, heights, widths, height, width)
    expected = masks_by_loops(rectangles, height, width)
    assert masks.dtype == torch.bool and tuple(masks.shape) == (len(rectangles), height, width), (
        f"Task 2: rectangle_masks should return a bool tensor (N, height, width) = "
        f"{(len(rectangles), height, width)}, got {masks.dtype} {tuple(masks.shape)}"
    )
    for index, rectangle in enumerate(rectangles):
        mask, wanted = masks[index], expected[index]
        assert torch.equal(mask, wanted), (
            f"Task 2: rectangle {index} (top, left, height, width) = {rectangle} in a "
            f"{height} x {width} image should cover rows top .. top + height - 1 and columns "
            f"left .. left + width - 1:\n{wanted.int()}\ngot\n{mask.int()}"
        )
    draws = torch.Generator().manual_seed(SEED)
    side_rows = torch.randint(0, 10, (50,), generator=draws)
    side_columns = torch.randint(0, 8, (50,), generator=draws)
    tops = (torch.rand(50, generator=draws) * (10 - side_rows + 1)).floor()
    lefts = (torch.rand(50, generator=draws) * (8 - side_columns + 1)).floor()
    rectangles = [
        (int(top), int(left), int(rows), int(columns))
        for top, left, rows, columns in zip(tops, lefts, side_rows, side_columns, strict=True)
    ]
    masks = rectangle_masks(tops, lefts, side_rows.float(), side_columns.float(), 10, 8)
    assert torch.equal(masks, masks_by_loops(rectangles, 10, 8)), (
        "Task 2: rectangle_masks should agree with slicing each mask[top:top + height, "
        "left:left + width] on 50 random rectangles in a 10 x 8 image (given as float tensors "
        "of whole pixels, as random_erasing draws them)"
    )


@pytest.mark.task(2)
def test_random_erasing_blanks_one_rectangle_within_the_area():
    count = 200
    ones = torch.ones(count, 2, SIDE, SIDE)
    erased = random_erasing(ones, MAX_AREA, generator(), probability=1.0)
    assert torch.equal(erased[:, 0], erased[:, 1]), (
        "Task 2: random_erasing should blank the same rectangle in every channel of an image"
    )
    assert set(erased.unique().tolist()) <= {0.0, 1.0}, (
        "Task 2: random_erasing should set pixels to 0 and leave the others as they were"
    )
    areas = []
    for index, image in enumerate(erased[:, 0]):
        blank = image == 0
        rows, columns = blank.any(dim=1), blank.any(dim=0)
        area = int(blank.sum())
        assert area == int(rows.sum()) * int(columns.sum()), (
            f"Task 2: the erased pixels of image {index} do not form one rectangle"
        )
        areas.append(area / SIDE**2)
    assert max(areas) <= MAX_AREA, (
        f"Task 2: random_erasing(max_area={MAX_AREA}) erased {max(areas):.3f} of an image"
    )
    assert sum(area > 0 for area in areas) > 0.9 * count and max(areas) > MAX_AREA / 2, (
        "Task 2: with probability=1 nearly every image should lose a rectangle, some of them "
        f"close to max_area={MAX_AREA}; the largest was {max(areas):.3f}"
    )
    half = random_erasing(ones, MAX_AREA, generator(), probability=0.5)
    share = (half == 0).flatten(1).any(dim=1).float().mean().item()
    assert 0.3 < share < 0.7, (
        f"Task 2: with probability=0.5 about half the images should be erased, got {share:.0%}"
    )
    none = random_erasing(ones, MAX_AREA, generator(), probability=0.0)
    assert torch.equal(none, ones), "Task 2: with probability=0 no image should be erased"


@pytest.mark.task(2)
def test_random_erasing_places_rectangles_anywhere_they_fit():
    count, height, width = 4000, 12, 20  # not square: rows and columns cannot be confused
    erased = random_erasing(torch.ones(count, 1, height, width), 0.3, generator(), 1.0)
    blank = erased[:, 0] == 0
    hit = blank.flatten(1).any(dim=1)
    assert hit.float().mean() > 0.9, (
        f"Task 2: with probability=1 nearly every {height} x {width} image should lose a "
        f"rectangle; {hit.float().mean():.0%} did. Rows go with the height, columns with the width."
    )
    edges = {
        "row": (blank[:, 0, :].any(dim=1).sum().item(), blank[:, -1, :].any(dim=1).sum().item()),
        "column": (blank[:, :, 0].any(dim=1).sum().item(), blank[:, :, -1].any(dim=1).sum().item()),
    }
    for edge, (first, last) in edges.items():
        assert first > 50 and last > 50 and 0.75 < last / first < 1.33, (
            f"Task 2: a rectangle is placed uniformly where it fits, so it reaches the last "
            f"{edge} as often as the first; of {count} rectangles {first} reached the first "
            f"{edge} and {last} the last. Its top is one of the rows 0 .. height - its height "
            "(as many as height - its height + 1), each as likely: floor(u * that count)."
        )


@pytest.mark.task(2)
def test_augmented_digits_keep_their_label(digits):
    """Judge each augmented digit by its nearest neighbour among other, untouched digits.

    Pixel by pixel, even a mild augmentation moves a digit away from its twins: with
    Augmentation() about 80% of these digits stay nearest to one of their own class, against
    95% untouched. A stronger one loses the label: turns of up to 45 degrees leave about 62%,
    shifts of up to 4 pixels about 48%.
    """
    is_judged = torch.arange(len(digits)) % (len(digits) // JUDGED) == 0  # every class, evenly
    judged, references = (
        digits.subset(is_judged.nonzero()[:, 0]),
        digits.subset((~is_judged).nonzero()[:, 0]),
    )
    augmented = Augmentation()(judged.images, generator())

    def unit_rows(images: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.normalize(images.flatten(1), dim=1)

    nearest = (unit_rows(augmented) @ unit_rows(references.images).T).argmax(dim=1)
    agreement = (references.labels[nearest] == judged.labels).float().mean().item()
    assert agreement >= LABEL_KEPT, (
        f"Task 2: after Augmentation() only {agreement:.0%} of {JUDGED} digits are nearest to a "
        f"digit of their own class (expected at least {LABEL_KEPT:.0%}): are your "
        "transformations stronger than their arguments ask (degrees taken as radians, pixels as "
        "whole images)?"
    )
