package shared

func Root() string { return Clean(`C:\\`) }
