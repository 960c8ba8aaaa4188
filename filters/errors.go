package filters

import "strings"

// FieldError is one problem with a constraint, at the path of the
// offending field (constraints[2].allow_hours.end).
type FieldError struct {
	Path string
	Msg  string
}

func (e FieldError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Errors lists every problem found, in the order found.
type Errors []FieldError

func (e Errors) Error() string {
	parts := make([]string, len(e))
	for i, fe := range e {
		parts[i] = fe.Error()
	}
	return "filters: " + strings.Join(parts, "; ")
}

func (e *Errors) add(path, msg string) { *e = append(*e, FieldError{path, msg}) }

// err returns e as an error, or nil when it is empty.
func (e Errors) err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// join appends a key to a path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
