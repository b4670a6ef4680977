"""Benchmarks (`make bench`): figures are printed and recorded in the README, never asserted."""
