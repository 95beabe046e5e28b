module example.com/wfctx

go 1.22
