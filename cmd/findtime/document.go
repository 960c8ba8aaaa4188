package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// utf8BOM is the byte-order mark some editors put at the start of a
// UTF-8 file; SPEC §10 accepts it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkDocument prepares the bytes of one input file for the decoder:
// it drops a leading byte-order mark and checks that what is left is
// one JSON object. Otherwise the message says why, with the line and
// column of a syntax error, and without Go type names. A valid document
// is scanned once, without building any value or copying it.
func checkDocument(data []byte) ([]byte, string) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !json.Valid(data) {
		// Unmarshal checks the syntax before it decodes, and says
		// where the first error is.
		return nil, syntaxProblem(data, json.Unmarshal(data, new(json.RawMessage)))
	}
	switch kind := topKind(data); kind {
	case "object":
		return data, ""
	default:
		return nil, "must be a JSON object, not " + kind
	}
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
