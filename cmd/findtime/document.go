package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// utf8BOM is the byte-order mark some editors put at the start of a
// UTF-8 file; SPEC §10 accepts it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// member is one key and value of a JSON object.
type member struct {
	key string
	// value is the raw value, a part of the object's bytes.
	value []byte
	// items is the number of elements of a list; 0 for other values.
	items int
}

// scanObject reports whether data (without a byte-order mark) is one
// JSON object and lists its members in the order given, repeated keys
// included, counting the elements of those that are lists. It reads
// data once with the decoder's tokenizer (options as findtime.Decode's:
// invalid UTF-8 and repeated keys are the decoder's to report), without
// building any value or copying data. Time linear in len(data); memory
// for the members only.
func scanObject(data []byte) ([]member, bool) {
	dec := jsontext.NewDecoder(bytes.NewBuffer(data),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if dec.PeekKind() != '{' {
		return nil, false
	}
	var out []member
	if _, err := dec.ReadToken(); err != nil {
		return nil, false
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil || name.Kind() != '"' {
			return nil, false
		}
		m := member{key: name.String()}
		if dec.PeekKind() == '[' {
			if _, err := dec.ReadToken(); err != nil {
				return nil, false
			}
			start := dec.InputOffset() - 1
			for dec.PeekKind() != ']' {
				if err := dec.SkipValue(); err != nil {
					return nil, false
				}
				m.items++
			}
			if _, err := dec.ReadToken(); err != nil {
				return nil, false
			}
			m.value = data[start:dec.InputOffset()]
		} else {
			v, err := dec.ReadValue()
			if err != nil {
				return nil, false
			}
			end := dec.InputOffset()
			m.value = data[end-int64(len(v)) : end]
		}
		out = append(out, m)
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, false
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return nil, false // something follows the object
	}
	return out, true
}

// whyNotObject says why data, without its byte-order mark, is not one
// JSON object: a syntax error at its line and column, or the kind of
// value it holds; "" when it is one. It is the slow path, taken only
// for input that the decoder's tokenizer could not read as an object.
func whyNotObject(data []byte) string {
	if !json.Valid(data) {
		// Unmarshal checks the syntax before it decodes, and says
		// where the first error is.
		return syntaxProblem(data, json.Unmarshal(data, new(json.RawMessage)))
	}
	if kind := topKind(data); kind != "object" {
		return "must be a JSON object, not " + kind
	}
	return ""
}

// syntaxProblem describes a JSON syntax error at its line and column
// (both from 1; the column counts characters): "line 3, column 14:
// invalid character '}' looking for beginning of object key string".
func syntaxProblem(data []byte, err error) string {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return "is not valid JSON"
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "is empty: must be a JSON object"
	}
	// Offset counts the bytes read up to and including the one that is
	// wrong; at the end of the input it is the length.
	at := int(se.Offset) - 1
	if strings.HasPrefix(se.Error(), "unexpected end") || at < 0 {
		at = int(se.Offset)
	}
	at = min(at, len(data))
	line, column := lineColumn(data, at)
	return fmt.Sprintf("line %d, column %d: %s", line, column, se.Error())
}

// lineColumn gives the line and column, both from 1, of byte offset at
// of data; lines end at "\n", columns count UTF-8 characters.
func lineColumn(data []byte, at int) (line, column int) {
	before := data[:at]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}

// topKind names the kind of the valid JSON value data holds: "object",
// "an array", "a string", "a number", "a boolean" or "null".
func topKind(data []byte) string {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
