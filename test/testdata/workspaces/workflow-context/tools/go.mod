module example.com/wfctx/tools

go 1.26.0
