module github.com/findtime/findtime

go 1.26

require (
	github.com/arran4/golang-ical v0.3.4
	github.com/google/btree v1.1.3
	github.com/leanovate/gopter v0.2.11
	github.com/teambition/rrule-go v1.8.2
)

require github.com/go-json-experiment/json v1.27.2
