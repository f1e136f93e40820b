"""Basic MLOps pipeline: train from a config, version by content, register, promote by a gate."""
