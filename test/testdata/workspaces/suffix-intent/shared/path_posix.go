package shared

import "strings"

// Clean is used by the windows and the non-windows files alike.
func Clean(p string) string { return strings.TrimSuffix(p, "/") }
