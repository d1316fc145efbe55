from jdlint.cli import main

main()
