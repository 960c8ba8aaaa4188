// Package txtar reads and writes the text archives the data-driven tests
// keep their cases in: a free-form comment, then files, each introduced
// by a line "-- name --". It is the format of golang.org/x/tools/txtar,
// without the dependency.
//
//	# a comment
//	-- doc.json --
//	{"resources": []}
//	-- want --
//	...
package txtar

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// File is one file of an archive.
type File struct {
	Name string
	Data []byte
}

// Archive is a comment and a list of files.
type Archive struct {
	Comment []byte
	Files   []File
}

// Parse reads an archive. Every file's data ends with a newline unless
// it is empty.
func Parse(data []byte) *Archive {
	a := &Archive{}
	var cur *File
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		if name, ok := marker(line); ok {
			a.Files = append(a.Files, File{Name: name})
			cur = &a.Files[len(a.Files)-1]
			continue
		}
		if cur == nil {
			a.Comment = append(a.Comment, line...)
		} else {
			cur.Data = append(cur.Data, line...)
		}
	}
	for i, f := range a.Files {
		if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
			a.Files[i].Data = append(f.Data, '\n')
		}
	}
	return a
}

func marker(line []byte) (string, bool) {
	s := strings.TrimRight(string(line), "\r\n")
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	return strings.TrimSpace(s[3 : len(s)-3]), true
}

// ParseFile reads the archive in a file.
func ParseFile(path string) (*Archive, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data), nil
}

// Format writes an archive; Parse(Format(a)) is a.
func Format(a *Archive) []byte {
	var b bytes.Buffer
	b.Write(a.Comment)
	if len(a.Comment) > 0 && a.Comment[len(a.Comment)-1] != '\n' {
		b.WriteByte('\n')
	}
	for _, f := range a.Files {
		fmt.Fprintf(&b, "-- %s --\n", f.Name)
		b.Write(f.Data)
		if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// Get returns the data of the named file and whether there is one.
func (a *Archive) Get(name string) ([]byte, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// Set replaces the data of the named file, or adds the file at the end.
func (a *Archive) Set(name string, data []byte) {
	for i, f := range a.Files {
		if f.Name == name {
			a.Files[i].Data = data
			return
		}
	}
	a.Files = append(a.Files, File{Name: name, Data: data})
}
