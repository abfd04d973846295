from ortaq.cli import main

main()
