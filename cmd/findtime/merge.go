package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"

	"github.com/findtime/findtime/findtime"
)

// readAll reads every file and merges them into one document: resources
// concatenated in file order, query and now taken from the one file that
// gives each. Problems are keyed by file name. dir tells, for the i-th
// resource of the merged document, the folder of the file it came from,
// against which its calendars' "ics" paths are read.
func readAll(files []string, stdin io.Reader) (data []byte, dir func(resource int) string, err error) {
	if len(files) == 1 {
		data, err := readOne(files[0], stdin)
		d := folder(files[0])
		return data, func(int) string { return d }, err
	}
	var dirs []string
	data, err = merge(files, stdin, func(name string, n int) {
		for range n {
			dirs = append(dirs, folder(name))
		}
	})
	return data, func(i int) string {
		if i < len(dirs) {
			return dirs[i]
		}
		return "."
	}, err
}

// folder is the folder of an input file; standard input reads relative
// paths against the working directory.
func folder(name string) string {
	if name == "-" {
		return "."
	}
	return filepath.Dir(name)
}

// readOne reads a single document. With nothing to merge, the bytes go
// to the decoder as they are rather than parsed and printed once more.
func readOne(name string, stdin io.Reader) ([]byte, error) {
	data, err := readFile(name, stdin)
	if err != nil {
		var errs findtime.Problems
		errs.Add(name, err.Error(), err)
		return nil, &errs
	}
	if !json.Valid(data) || !isObject(data) {
		var errs findtime.Problems
		var top map[string]json.RawMessage
		errs.Add(name, "is not a JSON document object: "+jsonProblem(json.Unmarshal(data, &top)), nil)
		return nil, &errs
	}
	return data, nil
}

// merge reads several documents into one; resources reports how many
// resources each file gave.
func merge(files []string, stdin io.Reader, resources func(name string, n int)) ([]byte, error) {
	var errs findtime.Problems
	var all []json.RawMessage
	merged := map[string]json.RawMessage{}
	from := map[string]string{}
	for _, name := range files {
		data, err := readFile(name, stdin)
		if err != nil {
			errs.Add(name, err.Error(), err)
			continue
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(data, &top); err != nil || top == nil {
			errs.Add(name, "is not a JSON document object: "+jsonProblem(err), nil)
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
				all = append(all, list...)
				resources(name, len(list))
				continue
			}
			if prev, ok := from[key]; ok && len(files) > 1 {
				errs.Add(key, fmt.Sprintf("given in both %s and %s", prev, name), nil)
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
		if all == nil {
			all = []json.RawMessage{}
		}
		b, _ := json.Marshal(all)
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
