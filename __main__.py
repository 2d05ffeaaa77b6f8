from argkg.cli import main

main(prog_name="argkg")
