//go:build !windows

package shared

func Root() string { return Clean("/") }
