package app

func Open() {}
