package main

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// inputs are the files of the command line read into one document:
// resources concatenated in file order, query and now taken from the
// one file that gives each (SPEC §10). It remembers where each part came
// from, so that a problem is keyed by its own file and by its path in
// that file, and "ics" paths are read against their own file's folder.
// The zero value holds no file. An inputs is not safe for concurrent
// use.
type inputs struct {
	// data is the document to decode, nil when no file could be read
	// as a JSON object.
	data []byte
	// problems are those of the files themselves (unreadable, not JSON,
	// a key given twice), already keyed; never nil.
	problems report
	// several is set when more than one file was given: problems are
	// then keyed FILE:path.
	several bool
	// dir is the folder of the single file.
	dir string
	// origins gives, for each resource of data, its file and index there.
	origins []origin
	// fileOf gives, for each other top-level key of data, its file.
	fileOf map[string]string
}

// origin is where a resource of the merged document was given.
type origin struct {
	file  string
	index int
}

// readInputs reads every file. With one file, its bytes go to the
// decoder as they are, problems keep their bare paths and the file name
// keys the file's own problems. With several, every file is read even
// when some fail, so that one run reports every file's problems.
func readInputs(files []string, stdin io.Reader) *inputs {
	in := &inputs{problems: report{}, several: len(files) > 1}
	if !in.several {
		name := files[0]
		in.dir = folder(name)
		if data, problem := readDocument(name, stdin); problem != "" {
			in.problems.add(name, problem)
		} else {
			in.data = data
		}
		return in
	}
	in.fileOf = map[string]string{}
	merged := map[string]json.RawMessage{}
	all := []json.RawMessage{}
	read := 0
	for _, name := range files {
		data, problem := readDocument(name, stdin)
		if problem != "" {
			in.problems.add(name, problem)
			continue
		}
		read++
		seen := map[string]bool{}
		for _, m := range members(data) {
			key := name + ":" + m.key
			switch {
			case seen[m.key]:
				in.problems.add(key, "is given twice")
			case m.key == "resources":
				var list []json.RawMessage
				if err := json.Unmarshal(m.value, &list); err != nil {
					in.problems.add(key, "must be a list")
					break
				}
				for i := range list {
					in.origins = append(in.origins, origin{name, i})
				}
				all = append(all, list...)
			case in.fileOf[m.key] != "":
				in.problems.add(key, "is also given in "+in.fileOf[m.key]+"; it may come from one file only")
			default:
				in.fileOf[m.key] = name
				merged[m.key] = m.value
			}
			seen[m.key] = true
		}
	}
	if read == 0 {
		return in
	}
	merged["resources"], _ = json.Marshal(all)
	in.data, _ = json.Marshal(merged)
	return in
}

// readDocument reads one file and checks that it is a JSON object; the
// problem, if any, is the message for the file's name.
func readDocument(name string, stdin io.Reader) ([]byte, string) {
	data, err := readFile(name, stdin)
	if err != nil {
		return nil, err.Error()
	}
	return checkDocument(data)
}

// member is one key and value of a JSON object.
type member struct {
	key   string
	value json.RawMessage
}

// members lists the keys and values of a valid JSON object in the order
// given, repeated keys included.
func members(object []byte) []member {
	dec := json.NewDecoder(bytes.NewReader(object))
	if _, err := dec.Token(); err != nil { // {
		return nil
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return out
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return out
		}
		out = append(out, member{key, value})
	}
	return out
}

// rekey keys the problems of the merged document by file: the path of
// a resource's field becomes FILE:resources[i]... with i its index in
// its own file, that of a query or now field FILE:query... . Problems of
// a single file keep their path, and so do those of the merged document
// as a whole ("", or "resources" when no file gave one) — unless a file
// could not be read: such a problem may then only be the effect of its
// absence, and is left out.
func (in *inputs) rekey(r report) report {
	if !in.several || r == nil {
		return r
	}
	out := report{}
	for path, ms := range r {
		key, ok := in.key(path)
		if !ok && len(in.problems) > 0 {
			continue
		}
		out[key] = append(out[key], ms...)
	}
	return out
}

// key is rekey for one path; ok is false when no file holds the path.
func (in *inputs) key(path string) (key string, ok bool) {
	if rest, ok := strings.CutPrefix(path, "resources["); ok {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return path, false
		}
		i, err := strconv.Atoi(rest[:end])
		if err != nil || i < 0 || i >= len(in.origins) {
			return path, false
		}
		o := in.origins[i]
		return o.file + ":resources[" + strconv.Itoa(o.index) + "]" + rest[end+1:], true
	}
	top := path
	if end := strings.IndexAny(path, ".["); end >= 0 {
		top = path[:end]
	}
	if file, ok := in.fileOf[top]; ok {
		return file + ":" + path, true
	}
	return path, false
}

// folder is the folder against which the "ics" paths of the given
// resource of the merged document are read.
func (in *inputs) folder(resource int) string {
	if !in.several {
		return in.dir
	}
	if resource >= 0 && resource < len(in.origins) {
		return folder(in.origins[resource].file)
	}
	return "."
}

// folder is the folder of an input file; standard input reads relative
// paths against the working directory.
func folder(name string) string {
	if name == "-" {
		return "."
	}
	return filepath.Dir(name)
}
