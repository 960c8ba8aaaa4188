module github.com/findtime/findtime/bench/jsonpeers

go 1.26

require (
	github.com/findtime/findtime v0.0.0
	github.com/go-json-experiment/json v1.27.2
	github.com/goccy/go-json v0.12.0
	github.com/valyala/fastjson v1.6.10
)

require (
	github.com/google/btree v1.1.3 // indirect
	github.com/teambition/rrule-go v1.8.2 // indirect
)

replace github.com/findtime/findtime => ../..
