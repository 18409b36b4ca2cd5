"""Entry point for `python -m riskreg`."""

from riskreg.cli.app import main

if __name__ == "__main__":
    main()
