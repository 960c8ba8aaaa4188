package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	// name and dir are the single file and its folder.
	name, dir string
	// unchecked is set when data, the single file's, has not been
	// checked to be a JSON object: it goes to the decoder as it is, and
	// only when the decoder cannot read it as one is the file's own
	// problem worked out (notObject).
	unchecked bool
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
// decoder as they are, without a first pass of their own, problems keep
// their bare paths and the file name keys the file's own problems. With several, every file is read even
// when some fail, so that one run reports every file's problems.
func readInputs(files []string, stdin io.Reader) *inputs {
	in := &inputs{problems: report{}, several: len(files) > 1}
	if !in.several {
		in.name = files[0]
		in.dir = folder(in.name)
		data, err := readFile(in.name, stdin)
		if err != nil {
			in.problems.add(in.name, err.Error())
			return in
		}
		in.data, in.unchecked = data, true // Decode drops a byte-order mark
		return in
	}
	in.fileOf = map[string]string{}
	// The merged object is built in one buffer that every file is read
	// into in turn: a file's resources are moved down, in place, to
	// follow those of the files before it, and its other members (small:
	// "now", "query") are kept aside and written after. The buffer is
	// sized by the files' sizes, so it holds about their total, once.
	total := len(`{"resources":[`)
	for _, name := range files {
		if info, err := os.Stat(name); name != "-" && err == nil {
			total += int(min(max(info.Size(), 0), maxDocumentBytes)) + 1
		}
	}
	out := append(make([]byte, 0, total+512), `{"resources":[`...)
	var others []member
	read, lists := 0, 0
	for _, name := range files {
		start := len(out)
		var err error
		if out, err = appendFile(out, name, stdin); err != nil {
			in.problems.add(name, err.Error())
			continue
		}
		data := bytes.TrimPrefix(out[start:], utf8BOM)
		ms, ok := scanObject(data)
		if !ok {
			problem := whyNotObject(data)
			if problem == "" { // encoding/json reads it, the tokenizer does not
				problem = "is not valid JSON"
			}
			in.problems.add(name, problem)
			out = out[:start]
			continue
		}
		read++
		seen := map[string]bool{}
		var list []byte // the contents of the file's resources list
		for _, m := range ms {
			key := name + ":" + m.key
			switch {
			case seen[m.key]:
				in.problems.add(key, "is given twice")
			case m.key == "resources":
				if m.value[0] == 'n' { // null: no resource
					break
				}
				if m.value[0] != '[' {
					in.problems.add(key, "must be a list")
					break
				}
				for i := range m.items {
					in.origins = append(in.origins, origin{name, i})
				}
				if m.items > 0 {
					list = m.value[1 : len(m.value)-1]
				}
			case in.fileOf[m.key] != "":
				in.problems.add(key, "is also given in "+in.fileOf[m.key]+"; it may come from one file only")
			default:
				in.fileOf[m.key] = name
				others = append(others, member{key: m.key, value: bytes.Clone(m.value)})
			}
			seen[m.key] = true
		}
		// The list lies after the file's first byte, so moving it down to
		// start (after a comma) never overwrites what is still to move.
		w := start
		if list != nil && lists > 0 {
			out[w] = ','
			w++
		}
		if list != nil {
			lists++
		}
		out = out[:w+copy(out[w:], list)]
	}
	if read == 0 {
		return in
	}
	out = append(out, ']')
	slices.SortFunc(others, func(a, b member) int { return strings.Compare(a.key, b.key) })
	for _, m := range others {
		key, _ := json.Marshal(m.key)
		out = append(append(append(append(out, ','), key...), ':'), m.value...)
	}
	in.data = append(out, '}')
	return in
}

// notObject is, when the single file given could not be decoded as a
// JSON object, its problem keyed by its name (a syntax error with its
// line and column, or the kind of value it holds), as for a file of
// several; nil otherwise, and then the decoder's problems stand.
func (in *inputs) notObject() report {
	if !in.unchecked {
		return nil
	}
	if problem := whyNotObject(bytes.TrimPrefix(in.data, utf8BOM)); problem != "" {
		return report{in.name: {problem}}
	}
	return nil
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
