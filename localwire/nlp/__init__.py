"""Understanding articles: language, datelines, places (and, next, entities, topics, keyphrases).

Plain functions over text; no ORM imports. Models and data tables load lazily,
once per process.
"""
