"""innovpub: a dataset of the Mois de l'innovation publique from its press releases and articles."""

# Bumped whenever extraction changes what it finds, so cached analyses are redone.
EXTRACTOR_VERSION = "1"
