from argkg.cli import main

# The guard matters: worker processes (Dask, multiprocessing "spawn") import this module.
if __name__ == "__main__":
    main(prog_name="argkg")
