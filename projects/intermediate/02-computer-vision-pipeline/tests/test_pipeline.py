"""Task 6: MJPG videos written and read with OpenCV, and the whole pipeline end to end."""

import cv2
import numpy as np
import pytest

from vision.evaluation import Detections
from vision.pipeline import read_video, run_pipeline, write_video
from vision.track import Tracker, score_tracking

# A detector's working threshold: higher than the 0.1 at which mAP is measured.
PIPELINE_SCORE_THRESHOLD = 0.3


def truth_detector(movie):
    """A detector that reports the true boxes of the movie's frames, one call per frame."""
    frames = iter(zip(movie.boxes, movie.labels, strict=True))

    def detector(frame):
        boxes, labels = next(frames)
        return Detections(boxes, np.ones(len(boxes)), labels)

    return detector


@pytest.mark.task(6)
def test_a_video_written_reads_back(movie, movie_file):
    frames = list(read_video(movie_file))
    assert len(frames) == len(movie.frames), (
        f"Task 6: wrote {len(movie.frames)} frames, read back {len(frames)}"
    )
    assert frames[0].shape == movie.frames[0].shape and frames[0].dtype == np.uint8, (
        f"Task 6: frames read back should be uint8 {movie.frames[0].shape}, got {frames[0].dtype} "
        f"{frames[0].shape}"
        " (OpenCV's VideoWriter takes the size as (width, height))"
    )
    gap = np.abs(np.stack(frames).astype(float) - movie.frames).mean()
    assert gap < 12, (
        f"Task 6: MJPG is lossy but close: a mean gap of {gap:.1f} grey levels is too much"
    )
    capture = cv2.VideoCapture(str(movie_file))
    fourcc = int(capture.get(cv2.CAP_PROP_FOURCC)).to_bytes(4, "little").decode()
    fps = capture.get(cv2.CAP_PROP_FPS)
    capture.release()
    assert fourcc == "MJPG" and fps == pytest.approx(10.0), (
        f"Task 6: write_video should write MJPG at 10 frames a second by default, got {fourcc!r} "
        f"at {fps}"
    )


@pytest.mark.task(6)
def test_write_video_at_another_rate_and_size(tmp_path):
    frames = np.full((5, 24, 40, 3), 200, dtype=np.uint8)
    path = tmp_path / "wide.avi"
    write_video(frames, path, fps=25.0)
    capture = cv2.VideoCapture(str(path))
    fps, width = capture.get(cv2.CAP_PROP_FPS), capture.get(cv2.CAP_PROP_FRAME_WIDTH)
    capture.release()
    assert fps == pytest.approx(25.0) and width == 40, (
        f"Task 6: fps=25 and a width of 40, got {fps} and {width}"
    )
    back = list(read_video(path))
    assert len(back) == 5 and back[0].shape == (24, 40, 3), (
        "Task 6: 5 frames of 24 rows and 40 columns, "
        f"got {len(back)} of {back[0].shape if back else None}"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(
    "frames",
    [
        np.zeros((0, 8, 8, 3), np.uint8),
        np.zeros((2, 8, 8, 3), np.float32),
        np.zeros((2, 8, 8), np.uint8),
        np.zeros((2, 8, 8, 4), np.uint8),
    ],
)
def test_write_video_refuses_bad_frames(tmp_path, frames):
    with pytest.raises(ValueError, match="frames"):
        write_video(frames, tmp_path / "bad.avi")
    assert not (tmp_path / "bad.avi").exists(), "Task 6: check the frames before opening the file"


@pytest.mark.task(6)
def test_write_video_says_when_it_cannot_write(tmp_path):
    with pytest.raises(ValueError, match="no-such-folder"):
        write_video(np.zeros((2, 8, 8, 3), np.uint8), tmp_path / "no-such-folder" / "out.avi")


@pytest.mark.task(6)
def test_a_video_without_frames_is_refused_and_one_frame_is_read(tmp_path):
    fourcc = cv2.VideoWriter_fourcc(*"MJPG")
    hollow = tmp_path / "hollow.avi"
    cv2.VideoWriter(str(hollow), fourcc, 10, (32, 32)).release()  # a header, no frame
    with pytest.raises(ValueError, match="hollow.avi"):
        list(read_video(hollow))
    single = tmp_path / "single.avi"
    writer = cv2.VideoWriter(str(single), fourcc, 10, (32, 32))
    writer.write(np.zeros((32, 32, 3), np.uint8))
    writer.release()
    frames = list(read_video(single))
    assert len(frames) == 1, (
        f"Task 6: a video of one frame gives that frame and no error; got {len(frames)} frames"
    )


@pytest.mark.task(6)
def test_read_video_refuses_a_missing_or_corrupt_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.avi"):
        list(read_video(tmp_path / "missing.avi"))
    corrupt = tmp_path / "corrupt.avi"
    corrupt.write_bytes(np.random.default_rng(3).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    with pytest.raises(ValueError, match="corrupt.avi"):
        list(read_video(corrupt))
    empty = tmp_path / "empty.avi"
    empty.write_bytes(b"")
    with pytest.raises(ValueError, match="empty.avi"):
        list(read_video(empty))


@pytest.mark.task(6)
def test_the_pipeline_tracks_annotates_and_writes(movie, movie_file, tmp_path):
    out = tmp_path / "annotated.avi"
    tracker = Tracker(max_misses=0)
    tracked = run_pipeline(movie_file, out, truth_detector(movie), tracker=tracker, fps=5.0)
    assert len(tracked) == len(movie.frames), (
        f"Task 6: one list of tracked boxes per frame, got {len(tracked)}"
    )
    score = score_tracking(movie.boxes, movie.ids, tracked)
    assert score.misses == score.false_positives == score.id_switches == 0, (
        "Task 6: with the true boxes as detections, the pipeline should track perfectly, got "
        f"{score}"
    )
    assert tracker.next_id == 4, "Task 6: run_pipeline should use the tracker it is given"
    written = list(read_video(out))
    capture = cv2.VideoCapture(str(out))
    fps = capture.get(cv2.CAP_PROP_FPS)
    capture.release()
    assert len(written) == len(movie.frames) and fps == pytest.approx(5.0), (
        f"Task 6: the annotated video has every frame, at fps=5; got {len(written)} frames at {fps}"
    )
    source = list(read_video(movie_file))
    changed = [np.abs(a.astype(int) - b).max() > 60 for a, b in zip(written, source, strict=True)]
    assert all(changed), (
        "Task 6: every frame of the output should carry its boxes (annotate each frame)"
    )


@pytest.mark.task(6)
def test_the_whole_pipeline_on_a_video(
    movie, movie_file, trained_detector, tmp_path, metric, figure
):
    from vision.train import detect

    model, _ = trained_detector

    def detector(frame):
        return detect(model, frame[None], score_threshold=PIPELINE_SCORE_THRESHOLD)[0]

    tracked = run_pipeline(movie_file, tmp_path / "annotated.avi", detector)
    score = score_tracking(movie.boxes, movie.ids, tracked)
    metric("id_switches", score.id_switches)
    figure("pipeline_mota", score.mota)
