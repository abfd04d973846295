#!/usr/bin/env python
from ortaq.cli import main

if __name__ == "__main__":
    main()
