"""The benchmark (``make bench``): a deterministic dataset at a chosen size, the real
production server under load, and a report. Not part of the product; see README.md
("Benchmarks")."""
