"""Prefect flows: orchestration of the stages in `innovpub.pipeline`, nothing else."""
