"""Benchmarks: each prints its figures and checks them against the floors in floors.json."""
