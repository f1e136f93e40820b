"""Content moderation: text and image classifiers fused on posts, a cost-based
approve/remove/review policy, a queue-fed service with back-pressure and a review dashboard.
"""
