"""Full-text search over articles: one interface, SQLite FTS5 or PostgreSQL full-text underneath."""
