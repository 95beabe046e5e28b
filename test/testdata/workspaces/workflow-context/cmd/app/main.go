package main

import "example.com/wfctx/native"

func main() { native.Hello() }
