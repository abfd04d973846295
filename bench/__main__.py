"""``python -m bench --size S``: build (or reuse) the dataset, start the production
server, load it with wrk, and write var/bench/report-S.md and .json. See README.md
("Benchmarks")."""

from bench.run import main

if __name__ == "__main__":
    main()
