package initonly

func Core() int { return 1 }
