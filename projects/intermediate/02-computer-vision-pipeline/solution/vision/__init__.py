"""Computer vision pipeline: a small shape detector with NMS and mAP checked against OpenCV
and pycocotools, transfer from digits, and a tracker that annotates video."""
