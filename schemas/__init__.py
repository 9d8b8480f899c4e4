"""Pydantic models of the dataset (tables) and of per-document findings. Imports nothing else
from the project."""
