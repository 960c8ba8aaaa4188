package filters

import "strconv"

// at is the path of the value being decoded or validated: a root path
// and the keys and indexes below it, pushed on the way down and popped
// on the way up. It is built into a string only when a problem is
// reported, so that a list without problems costs no path strings.
type at struct {
	root  string
	steps []step
}

// step is a key, joined with a dot, or when idx >= 0 the index [idx].
type step struct {
	key string
	idx int
}

// push descends into the key.
func (a *at) push(key string) { a.steps = append(a.steps, step{key: key, idx: -1}) }

// pushIndex descends into the element i.
func (a *at) pushIndex(i int) { a.steps = append(a.steps, step{idx: i}) }

// pop undoes the last push.
func (a *at) pop() { a.steps = a.steps[:len(a.steps)-1] }

// String builds the path as [join] and index paths (path[i]) do.
func (a *at) String() string {
	b := []byte(a.root)
	for _, s := range a.steps {
		switch {
		case s.idx >= 0:
			b = append(strconv.AppendInt(append(b, '['), int64(s.idx), 10), ']')
		case len(b) > 0:
			b = append(append(b, '.'), s.key...)
		default:
			b = append(b, s.key...)
		}
	}
	return string(b)
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
	a.push(key)
	a.add(errs, msg, err)
	a.pop()
}

// fieldLazy reports at the field key of a the problem whose message msg
// builds.
func (a *at) fieldLazy(errs *Problems, key string, msg func() string, err error) {
	a.push(key)
	a.addLazy(errs, msg, err)
	a.pop()
}
