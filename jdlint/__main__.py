from jdlint.cli import app

app(prog_name="jdlint")
