package jsonpeers

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
	gojson "github.com/goccy/go-json"
	"github.com/valyala/fastjson"
)

var errDuplicate = errors.New("duplicate key")

// kept are the keys whose string values a walk turns into Go strings.
func kept(key string) bool {
	return key == "id" || key == "timezone" || key == "start" || key == "end"
}

// Std walks data with encoding/json's Decoder.Token, which allocates an
// interface value per token; duplicates are tracked per object.
func Std(data []byte) (Summary, error) {
	var s Summary
	dec := stdjson.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var walk func(key string) error
	walk = func(key string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case stdjson.Delim:
			switch v {
			case '{':
				var names []string
				for dec.More() {
					t, err := dec.Token()
					if err != nil {
						return err
					}
					name := t.(string)
					for _, n := range names {
						if n == name {
							return errDuplicate
						}
					}
					names = append(names, name)
					if err := walk(name); err != nil {
						return err
					}
				}
				_, err = dec.Token()
				return err
			case '[':
				for dec.More() {
					switch key {
					case "events":
						s.Events++
					case "resources":
						s.Resources++
					}
					if err := walk(""); err != nil {
						return err
					}
				}
				_, err = dec.Token()
				return err
			}
		case string:
			if kept(key) {
				s.Bytes += len(v)
			}
		}
		return nil
	}
	if err := walk(""); err != nil {
		return s, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return s, fmt.Errorf("data after the value")
	}
	return s, nil
}

// JSONText walks data with jsontext's tokens; duplicate names are
// rejected by the decoder itself, and errors carry a byte offset.
func JSONText(data []byte) (Summary, error) {
	var s Summary
	dec := jsontext.NewDecoder(bytes.NewBuffer(data))
	var walk func(key string) error
	walk = func(key string) error {
		switch dec.PeekKind() {
		case '{':
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			for dec.PeekKind() != '}' {
				name, err := dec.ReadToken()
				if err != nil {
					return err
				}
				if err := walk(name.String()); err != nil {
					return err
				}
			}
			_, err := dec.ReadToken()
			return err
		case '[':
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			for dec.PeekKind() != ']' {
				switch key {
				case "events":
					s.Events++
				case "resources":
					s.Resources++
				}
				if err := walk(""); err != nil {
					return err
				}
			}
			_, err := dec.ReadToken()
			return err
		case '"':
			tok, err := dec.ReadToken()
			if err == nil && kept(key) {
				s.Bytes += len(tok.String())
			}
			return err
		}
		_, err := dec.ReadToken()
		return err
	}
	if err := walk(""); err != nil {
		return s, err
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return s, fmt.Errorf("data after the value: %v", err)
	}
	return s, nil
}

// FastJSON parses data into fastjson's tree (one parser, reused) and
// walks it; duplicates are tracked per object, as fastjson keeps every
// member.
func FastJSON(p *fastjson.Parser, data []byte) (Summary, error) {
	var s Summary
	v, err := p.ParseBytes(data)
	if err != nil {
		return s, err
	}
	var walk func(key string, v *fastjson.Value) error
	walk = func(key string, v *fastjson.Value) error {
		switch v.Type() {
		case fastjson.TypeObject:
			o, _ := v.Object()
			var names [][]byte
			var err error
			o.Visit(func(k []byte, m *fastjson.Value) {
				if err != nil {
					return
				}
				for _, n := range names {
					if bytes.Equal(n, k) {
						err = errDuplicate
						return
					}
				}
				names = append(names, k)
				err = walk(string(k), m)
			})
			return err
		case fastjson.TypeArray:
			a, _ := v.Array()
			for _, m := range a {
				switch key {
				case "events":
					s.Events++
				case "resources":
					s.Resources++
				}
				if err := walk("", m); err != nil {
					return err
				}
			}
		case fastjson.TypeString:
			if kept(key) {
				s.Bytes += len(string(v.GetStringBytes()))
			}
		}
		return nil
	}
	return s, walk("", v)
}

type goccyDoc struct {
	Resources []struct {
		ID        string `json:"id"`
		Timezone  string `json:"timezone"`
		Calendars []struct {
			Events []struct {
				ID    string `json:"id"`
				Start string `json:"start"`
				End   string `json:"end"`
			} `json:"events"`
		} `json:"calendars"`
	} `json:"resources"`
}

// Goccy unmarshals data into typed structs with goccy/go-json, its fast
// path. It cannot report a key given twice: the last value wins.
func Goccy(data []byte) (Summary, error) {
	var s Summary
	var d goccyDoc
	if err := gojson.Unmarshal(data, &d); err != nil {
		return s, err
	}
	for _, r := range d.Resources {
		s.Resources++
		s.Bytes += len(r.ID) + len(r.Timezone)
		for _, c := range r.Calendars {
			for _, e := range c.Events {
				s.Events++
				s.Bytes += len(e.ID) + len(e.Start) + len(e.End)
			}
		}
	}
	return s, nil
}
