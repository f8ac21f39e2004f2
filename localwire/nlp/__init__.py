"""Understanding articles: language, datelines, entities, places, topics and keyphrases.

Plain functions over text; no ORM imports. Models and data tables load lazily,
once per process.
"""
