"""Synthetic corpora: realistic French communiqués and articles with their answer keys."""

from innovpub.synth.corpus import SynthSummary, generate_corpus

__all__ = ["SynthSummary", "generate_corpus"]
