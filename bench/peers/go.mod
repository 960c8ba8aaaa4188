module github.com/findtime/findtime/bench/peers

go 1.26

require (
	github.com/Workiva/go-datastructures v1.1.7
	github.com/findtime/findtime v0.0.0
	github.com/zyedidia/generic v1.2.1
)

require (
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/google/btree v1.1.3 // indirect
	github.com/segmentio/fasthash v1.0.3 // indirect
	github.com/teambition/rrule-go v1.8.2 // indirect
	golang.org/x/exp v0.0.0-20220218215828-6cf2b201936e // indirect
)

replace github.com/findtime/findtime => ../..
