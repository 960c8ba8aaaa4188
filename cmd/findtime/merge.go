package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/findtime/findtime/findtime"
)

// readAll reads every file and merges them into one document: resources
// concatenated in file order, query and now taken from the one file that
// gives each. Problems are keyed by file name.
func readAll(files []string, stdin io.Reader) ([]byte, error) {
	var errs findtime.InputError
	var resources []json.RawMessage
	merged := map[string]json.RawMessage{}
	from := map[string]string{}
	for _, name := range files {
		data, err := readFile(name, stdin)
		if err != nil {
			errs.Add(name, err.Error())
			continue
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(data, &top); err != nil || top == nil {
			errs.Add(name, "is not a JSON document object: "+jsonProblem(err))
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(top)) {
			raw := top[key]
			if key == "resources" {
				var list []json.RawMessage
				if err := json.Unmarshal(raw, &list); err != nil {
					merged[key] = raw // let the decoder name the problem
					continue
				}
				resources = append(resources, list...)
				continue
			}
			if prev, ok := from[key]; ok && len(files) > 1 {
				errs.Add(key, fmt.Sprintf("given in both %s and %s", prev, name))
				continue
			}
			from[key] = name
			merged[key] = raw
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if _, bad := merged["resources"]; !bad {
		if resources == nil {
			resources = []json.RawMessage{}
		}
		b, _ := json.Marshal(resources)
		merged["resources"] = b
	}
	return json.Marshal(merged)
}

func jsonProblem(err error) string {
	if err == nil {
		return "null"
	}
	return err.Error()
}
