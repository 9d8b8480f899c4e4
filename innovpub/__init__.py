"""innovpub: a dataset of the Mois de l'innovation publique from its press releases and articles."""
