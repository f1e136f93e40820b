"""Automated trading: an event-driven backtester whose books always balance, a walk-forward
ML strategy judged after costs, and the same strategy run on a replayed live stream of bars."""
