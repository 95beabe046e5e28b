module example.com/opt

go 1.21
