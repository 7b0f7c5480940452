"""Processing provider and algorithms of the Article Gazetteer plugin."""
