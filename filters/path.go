package filters

import "strconv"

// at is the path of a value being decoded or validated, as a chain of
// keys and indexes kept on the stack: it is built into a string only
// when a problem is reported there, so that a list without problems
// costs no path strings.
type at struct {
	up  *at
	key string // joined with a dot; at the root, the whole path
	idx int    // when >= 0 (and up != nil), the index [idx] instead of a key
}

// root returns the path path.
func root(path string) at { return at{key: path, idx: -1} }

// child returns the path of key below a.
func (a *at) child(key string) at { return at{up: a, key: key, idx: -1} }

// index returns the path of element i below a.
func (a *at) index(i int) at { return at{up: a, idx: i} }

// String builds the path as [join] and index paths (path[i]) do.
func (a *at) String() string {
	switch {
	case a.up == nil:
		return a.key
	case a.idx >= 0:
		return a.up.String() + "[" + strconv.Itoa(a.idx) + "]"
	}
	return join(a.up.String(), a.key)
}

// add reports the problem msg at a. Once errs is full the problem is
// only counted, and its path is not built.
func (a *at) add(errs *Problems, msg string, err error) {
	if errs.Full() {
		errs.Skip()
		return
	}
	errs.Add(a.String(), msg, err)
}

// addLazy reports at a the problem whose message msg builds, as add
// does, building the message only for a problem that is kept.
func (a *at) addLazy(errs *Problems, msg func() string, err error) {
	if errs.Full() {
		errs.Skip()
		return
	}
	errs.Add(a.String(), msg(), err)
}

// field reports the problem msg at the field key of a.
func (a *at) field(errs *Problems, key, msg string, err error) {
	if errs.Full() {
		errs.Skip()
		return
	}
	errs.Add(join(a.String(), key), msg, err)
}
