"""Data reality: does the training sample resemble production (shift, health, model hold-up)."""
