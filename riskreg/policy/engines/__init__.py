"""Engines evaluate controls; the OPA server engine is the real one, others exist only in tests."""
