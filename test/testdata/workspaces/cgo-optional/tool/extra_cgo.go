package main

// #include <stdio.h>
import "C"

func init() { C.fflush(nil) }
