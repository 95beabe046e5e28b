package main

import "example.com/opt/needed"

func main() { println(needed.Two()) }
