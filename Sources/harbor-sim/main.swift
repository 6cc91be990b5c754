HarborSimCommand.main()
