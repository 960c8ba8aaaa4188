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
	if len(files) == 1 {
		// Nothing to merge: hand the bytes to the decoder as they are
		// rather than parse and print them once more.
		data, err := readFile(files[0], stdin)
		if err != nil {
			var errs findtime.InputError
			errs.Add(files[0], err.Error())
			return nil, &errs
		}
		if !json.Valid(data) || !isObject(data) {
			var errs findtime.InputError
			var top map[string]json.RawMessage
			errs.Add(files[0], "is not a JSON document object: "+jsonProblem(json.Unmarshal(data, &top)))
			return nil, &errs
		}
		return data, nil
	}
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

// isObject reports whether valid JSON data is an object.
func isObject(data []byte) bool {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{'
	}
	return false
}

func jsonProblem(err error) string {
	if err == nil {
		return "null"
	}
	return err.Error()
}
