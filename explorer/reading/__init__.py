"""Reading new documents: mentions of known entities and candidate ties, for review.

Offline and without a model: a gazetteer of the graph's names and aliases, and the trigger
words the schema lists beside each tie type. Nothing is written to the graph: candidates go
to a review folder in the seed format, which the analyst edits, validates and loads.
"""
