"""Predictive maintenance: sensors cleaned per regime, onset, RUL models and a crew schedule."""
