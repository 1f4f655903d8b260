"""Plots as matplotlib figures (placeholder replaced below)."""
