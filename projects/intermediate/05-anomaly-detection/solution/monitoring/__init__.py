"""Anomaly detection: streaming detectors on sensor readings, alerts grouped into incidents
with hysteresis and cooldown, and a FastAPI page to investigate them."""
