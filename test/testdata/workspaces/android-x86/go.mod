module example.com/droid

go 1.21
